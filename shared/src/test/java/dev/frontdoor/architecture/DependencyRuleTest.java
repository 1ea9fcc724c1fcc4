package dev.frontdoor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's dependency rule: only its adapter packages may touch the AWS SDK, and nothing in the
 * core may touch Lambda types; the domain and ports depend on no adapter.
 */
@AnalyzeClasses(packages = "dev.frontdoor", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

  @ArchTest
  static final ArchRule awsSdkOnlyInAdapters =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.frontdoor.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("software.amazon.awssdk..");

  @ArchTest
  static final ArchRule noLambdaTypesInTheCore =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.amazonaws.services.lambda..");

  @ArchTest
  static final ArchRule domainAndPortsIgnoreAdapters =
      noClasses()
          .that()
          .resideInAnyPackage("dev.frontdoor.domain..", "dev.frontdoor.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.frontdoor.adapter..");

  @ArchTest
  static final ArchRule domainUsesOnlyJavaTheCoreAndItsLibraries =
      noClasses()
          .that()
          .resideInAPackage("dev.frontdoor.domain..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages(
              "java..",
              "com.github.f4b6a3.ulid..",
              "javax.crypto..",
              "dev.frontdoor.domain..",
              "dev.frontdoor.port..",
              "dev.frontdoor.config..",
              "dev.frontdoor.logging..",
              "com.google.i18n.phonenumbers..",
              "com.fasterxml.jackson..");
}
