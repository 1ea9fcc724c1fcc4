package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Integration events are on by default and can be left out ({@code IntegrationEvents=off}): the
 * bus, the stream publisher and everything only it uses are behind one condition, and the template
 * still resolves with them gone (nothing else names them), as CloudFormation would deploy it.
 */
class IntegrationEventsTemplateTest {
  private static final String CONDITION = "IntegrationEventsOn";
  private static final List<String> RESOURCES =
      List.of(
          "EventBus",
          "StreamPublisherFunction",
          "StreamPublisherLogGroup",
          "StreamPublisherDeadLetterQueue",
          "StreamPublisherDeadLetterAlarm");
  private static final List<String> OUTPUTS = List.of("EventBusName", "EventBusArn");

  @Test
  void parameter_defaultsToOn_andTheConditionIsItsOnValue() {
    Template template = TemplateFixtures.projectTemplate();

    Map<String, Object> parameter =
        Maps.map(template.section("Parameters").get("IntegrationEvents"));
    assertThat(parameter.get("Default")).isEqualTo("on");
    assertThat(Maps.list(parameter.get("AllowedValues"))).containsExactlyInAnyOrder("on", "off");
    assertThat(template.section("Conditions").get(CONDITION))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "IntegrationEvents"), "on")));
  }

  @Test
  void busPublisherAndTheirParts_andTheBusOutputs_areConditional() {
    Template template = TemplateFixtures.projectTemplate();

    for (String id : RESOURCES) {
      assertThat(Maps.map(template.resources().get(id)).get("Condition"))
          .as(id)
          .isEqualTo(CONDITION);
    }
    for (String id : OUTPUTS) {
      assertThat(Maps.map(template.section("Outputs").get(id)).get("Condition"))
          .as(id)
          .isEqualTo(CONDITION);
    }
  }

  @Test
  void off_resolvesWithNoDanglingReference() {
    Template template = TemplateFixtures.projectTemplate();
    CfnSpec spec = new CfnSpec(ProjectPaths.cfnSpecification());

    template.resources().keySet().removeIf(RESOURCES::contains);
    template.section("Outputs").keySet().removeIf(OUTPUTS::contains);

    assertThat(template.resources()).doesNotContainKeys(RESOURCES.toArray(String[]::new));
    assertThat(new ReferenceCheck(spec).check(template)).isEmpty();
  }

  @Test
  void off_withTheOutputsLeftUnconditional_isCaught() {
    // The check above is not vacuous: outputs still naming the removed bus are reported.
    Template template = TemplateFixtures.projectTemplate();
    CfnSpec spec = new CfnSpec(ProjectPaths.cfnSpecification());
    template.resources().keySet().removeIf(RESOURCES::contains);

    assertThat(new ReferenceCheck(spec).check(template)).isNotEmpty();
  }
}
