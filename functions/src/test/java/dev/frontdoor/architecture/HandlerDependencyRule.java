package dev.frontdoor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rule for {@code functions/}: a handler decodes its event, calls one use case
 * behind {@code port.in} and encodes the answer. It reaches adapters and the domain's workings only
 * through the composition root ({@code Composition}), which builds the use cases.
 */
final class HandlerDependencyRule {
  private HandlerDependencyRule() {}

  static final String COMPOSITION_ROOT = "dev.frontdoor.composition.Composition";

  /** A store that cannot answer is the one failure every handler maps the same way (503). */
  static final String STORE_UNAVAILABLE = "dev.frontdoor.common.StoreUnavailableException";

  static final ArchRule ADAPTERS_ONLY_THROUGH_THE_WIRING =
      noClasses()
          .that()
          .resideInAPackage("dev.frontdoor.functions..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.frontdoor.adapter.out..")
          .because("adapters are built by the composition root, not by handlers");

  static final ArchRule HANDLERS_USE_ONLY_PORT_IN =
      noClasses()
          .that()
          .resideInAPackage("dev.frontdoor.functions..")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.not(
                  JavaClass.Predicates.resideInAnyPackage(
                          "java..",
                          "dev.frontdoor..port.in..",
                          "dev.frontdoor.adapter.in..",
                          "dev.frontdoor.functions..",
                          "dev.frontdoor.config..",
                          "dev.frontdoor.logging..",
                          "com.fasterxml.jackson..",
                          // Jackson's trees without a mapper; Jackson-only (DependencyRuleTest).
                          "dev.frontdoor.json..",
                          "com.amazonaws.services.lambda..")
                      .or(HasName.Predicates.name(COMPOSITION_ROOT))
                      .or(HasName.Predicates.name(STORE_UNAVAILABLE))
                      .or(namedByAUseCasePort())))
          .because(
              "a handler calls one use case behind port.in; its commands and outcomes are the only"
                  + " domain types it sees");

  static final ArchRule CORE_IGNORES_FUNCTIONS =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.frontdoor.functions..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.frontdoor.functions..");

  /**
   * A domain type a {@code port.in} interface mentions, a command or an outcome; a type nested in
   * one (an outcome's reasons); or a value an outcome record carries (a thread page).
   */
  private static DescribedPredicate<JavaClass> namedByAUseCasePort() {
    return DescribedPredicate.describe(
        "named by a use case port", HandlerDependencyRule::namedByPort);
  }

  private static boolean namedByPort(JavaClass type) {
    boolean named =
        isCapability(type.getPackageName())
            && type.getDirectDependenciesToSelf().stream()
                .map(dependency -> dependency.getOriginClass())
                .anyMatch(
                    origin ->
                        isUseCasePort(origin.getPackageName())
                            || (origin.isRecord() && namedDirectlyByPort(origin)));
    return named || type.getEnclosingClass().map(HandlerDependencyRule::namedByPort).orElse(false);
  }

  private static boolean namedDirectlyByPort(JavaClass type) {
    return isCapability(type.getPackageName())
        && type.getDirectDependenciesToSelf().stream()
            .anyMatch(dependency -> isUseCasePort(dependency.getOriginClass().getPackageName()));
  }

  /** The core's capability packages (and their common model), as opposed to its adapters. */
  private static final List<String> CAPABILITIES =
      List.of(
          "dev.frontdoor.common",
          "dev.frontdoor.inbound",
          "dev.frontdoor.threads",
          "dev.frontdoor.outbound",
          "dev.frontdoor.voice",
          "dev.frontdoor.lifecycle",
          "dev.frontdoor.analytics");

  private static boolean isCapability(String packageName) {
    return CAPABILITIES.stream()
        .anyMatch(root -> packageName.equals(root) || packageName.startsWith(root + "."));
  }

  private static boolean isUseCasePort(String packageName) {
    return isCapability(packageName) && packageName.endsWith(".port.in");
  }
}
