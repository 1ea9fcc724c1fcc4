package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PublicEntryCheck} on the project's template and on templates that break it. */
class PublicEntryTemplateTest {
  private final PublicEntryCheck check = new PublicEntryCheck();

  @Test
  void projectTemplate_onlyAuthenticatingFunctionsAreReachableOverHttp() {
    Template template = TemplateFixtures.projectTemplate();

    assertThat(check.check(template)).isEmpty();
    // The Connect function is there and reached through EventBridge only.
    assertThat(Maps.map(template.properties("ConnectEventFunction").get("Events")).values())
        .allSatisfy(event -> assertThat(Maps.map(event).get("Type")).isEqualTo("EventBridgeRule"));
  }

  @Test
  void connectFunctionWithAUrl_isReported() {
    Template template = TemplateFixtures.projectTemplate();
    template
        .properties("ConnectEventFunction")
        .put("FunctionUrlConfig", Map.of("AuthType", "NONE"));

    List<String> problems = check.check(template);

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("ConnectEventFunction.Properties.FunctionUrlConfig");
  }

  @Test
  void senderWithAnHttpApiRoute_isReported() {
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.properties("SenderFunction").get("Events"))
        .put("Open", Map.of("Type", "HttpApi", "Properties", Map.of("Path", "/send")));

    List<String> problems = check.check(template);

    assertThat(problems).singleElement().asString().contains("SenderFunction", "Events.Open");
  }
}
