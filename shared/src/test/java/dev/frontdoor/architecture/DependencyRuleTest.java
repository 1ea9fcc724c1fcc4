package dev.frontdoor.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The core's dependency rule. The core is packaged by capability ({@code inbound}, {@code threads},
 * {@code outbound.send}, {@code outbound.delivery}, and the places kept for {@code voice}, {@code
 * lifecycle} and {@code analytics}), each with its use cases, model, {@code port.in} and {@code
 * port.out}, over a {@code common} model; one composition root ({@code composition}) builds the use
 * cases over the adapters for every caller. Only adapters (and that root) may touch the AWS SDK;
 * nothing in the core touches Lambda types; no capability depends on an adapter; each capability
 * depends only on the capabilities below it: {@code common} on none, {@code threads} (the thread's
 * items and family stores) on {@code common}, and the others on {@code common}, {@code threads}
 * and, within outbound, the queue between the send API and the sender.
 */
@AnalyzeClasses(packages = "dev.frontdoor", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

  static final String[] CAPABILITIES = {
    "dev.frontdoor.common..",
    "dev.frontdoor.inbound..",
    "dev.frontdoor.threads..",
    "dev.frontdoor.outbound..",
    "dev.frontdoor.voice..",
    "dev.frontdoor.lifecycle..",
    "dev.frontdoor.analytics.."
  };

  /** What any capability may use besides other capabilities. */
  static final String[] LIBRARIES_AND_CROSS_CUTTING = {
    "java..",
    "javax.crypto..",
    "com.github.f4b6a3.ulid..",
    "com.google.i18n.phonenumbers..",
    "com.fasterxml.jackson..",
    "dev.frontdoor.json..",
    "dev.frontdoor.config..",
    "dev.frontdoor.logging.."
  };

  /**
   * The JSON trees package is listed beside Jackson above because it is Jackson used one way (no
   * mapper on a cold start): it may use nothing else, so it can never carry a domain type into a
   * capability or a handler.
   */
  @ArchTest
  static final ArchRule jsonTreesAreJacksonOnly =
      noClasses()
          .that()
          .resideInAPackage("dev.frontdoor.json..")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.not(
                  resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.frontdoor.json..")));

  static final String OUTBOUND_QUEUE = "dev.frontdoor.outbound";
  static final String OUTBOUND_QUEUE_PORTS = "dev.frontdoor.outbound.port..";

  /** Adapters use the SDK; the composition root builds its clients and hands them to adapters. */
  @ArchTest
  static final ArchRule awsSdkOnlyInAdapters =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.frontdoor.adapter..", "dev.frontdoor.composition..")
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
  static final ArchRule capabilitiesIgnoreAdapters =
      noClasses()
          .that()
          .resideInAnyPackage(CAPABILITIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.frontdoor.adapter..");

  @ArchTest
  static final ArchRule commonDependsOnNoCapability = capability("dev.frontdoor.common..");

  /**
   * The thread's family stores name the items on it; the queued message row is still written from
   * the send API's validated {@code SendRequest}, the one name {@code threads} takes from above.
   */
  @ArchTest
  static final ArchRule threadsDependOnCommon =
      noClasses()
          .that()
          .resideInAPackage("dev.frontdoor.threads..")
          .should()
          .dependOnClassesThat(
              outside("dev.frontdoor.common..", "dev.frontdoor.threads..")
                  .and(
                      DescribedPredicate.not(
                          HasName.Predicates.name("dev.frontdoor.outbound.send.SendRequest"))));

  @ArchTest
  static final ArchRule inboundDependsOnThreadsAndCommon =
      capability("dev.frontdoor.inbound..", "dev.frontdoor.threads..");

  @ArchTest
  static final ArchRule outboundQueueDependsOnThreadsAndCommon =
      noClasses()
          .that()
          .resideInAnyPackage(OUTBOUND_QUEUE, OUTBOUND_QUEUE_PORTS)
          .should()
          .dependOnClassesThat(
              outside(
                  "dev.frontdoor.common..",
                  "dev.frontdoor.threads..",
                  OUTBOUND_QUEUE,
                  OUTBOUND_QUEUE_PORTS));

  @ArchTest
  static final ArchRule sendApiIgnoresTheSender =
      capability(
          "dev.frontdoor.outbound.send..",
          "dev.frontdoor.threads..",
          OUTBOUND_QUEUE,
          OUTBOUND_QUEUE_PORTS);

  @ArchTest
  static final ArchRule senderIgnoresTheSendApi =
      capability(
          "dev.frontdoor.outbound.delivery..",
          "dev.frontdoor.threads..",
          OUTBOUND_QUEUE,
          OUTBOUND_QUEUE_PORTS);

  /**
   * Voice sends its summaries through the send API's use case, like any client: its port and the
   * command and outcome that port names, never its workings.
   */
  @ArchTest
  static final ArchRule voiceUsesThreadsAndTheSendApiPort =
      noClasses()
          .that()
          .resideInAPackage("dev.frontdoor.voice..")
          .should()
          .dependOnClassesThat(
              outside(
                      "dev.frontdoor.voice..",
                      "dev.frontdoor.common..",
                      "dev.frontdoor.threads..",
                      "dev.frontdoor.outbound.send.port.in..")
                  .and(
                      DescribedPredicate.not(
                          HasName.Predicates.name("dev.frontdoor.outbound.send.SendCommand")
                              .or(
                                  HasName.Predicates.name(
                                      "dev.frontdoor.outbound.send.SendOutcome"))
                              .or(
                                  HasName.Predicates.name(
                                      "dev.frontdoor.outbound.send.SendOutcome$Reason")))));

  /** Each may use itself (an enum's own values() is already such a use), threads and common. */
  @ArchTest
  static final ArchRule lifecycleStartsOnTheCommonModelAndThreads =
      capability("dev.frontdoor.lifecycle..", "dev.frontdoor.threads..");

  @ArchTest
  static final ArchRule analyticsStartsOnTheCommonModelAndThreads =
      capability("dev.frontdoor.analytics..", "dev.frontdoor.threads..");

  /** Classes of {@code pkg} use only libraries, {@code common}, themselves and {@code allowed}. */
  private static ArchRule capability(String pkg, String... allowed) {
    String[] own =
        Stream.concat(Stream.of(pkg, "dev.frontdoor.common.."), Arrays.stream(allowed))
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage(pkg)
        .should()
        .dependOnClassesThat(outside(own))
        .allowEmptyShould(true);
  }

  private static DescribedPredicate<JavaClass> outside(String... packages) {
    String[] all =
        Stream.concat(Arrays.stream(LIBRARIES_AND_CROSS_CUTTING), Arrays.stream(packages))
            .toArray(String[]::new);
    return DescribedPredicate.not(resideInAnyPackage(all));
  }
}
