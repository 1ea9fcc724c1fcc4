package dev.frontdoor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rule catches what it forbids: a handler that skips the wiring and the use case port. */
class HandlerDependencyRuleSelfTest {
  private static final JavaClasses VIOLATING =
      new ClassFileImporter().importPackages("dev.frontdoor.functions.violations");

  @Test
  void adaptersOnlyThroughTheWiring_handlerBuildingAnAdapter_isReported() {
    EvaluationResult result =
        HandlerDependencyRule.ADAPTERS_ONLY_THROUGH_THE_WIRING.evaluate(VIOLATING);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains("SqsRetryDelays"));
  }

  @Test
  void handlersUseOnlyPortIn_handlerCallingTheDomainsWorkings_isReported() {
    EvaluationResult result = HandlerDependencyRule.HANDLERS_USE_ONLY_PORT_IN.evaluate(VIOLATING);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains("OutboundBatchDelivery"));
  }
}
