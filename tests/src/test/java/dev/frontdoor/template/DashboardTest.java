package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operational dashboard (issue 14, part 3): valid JSON after {@code !Sub}, only metrics the
 * code emits (through the template's metric filters) or AWS publishes, and the views it promises.
 */
class DashboardTest {
  final DashboardCheck check = DashboardCheck.ofProject();

  static Map<String, Object> dashboard(Template template) {
    return template.resourcesOfType(DashboardCheck.DASHBOARD).values().iterator().next();
  }

  static String body(Template template) {
    return String.valueOf(Maps.map(dashboard(template).get("DashboardBody")).get("Fn::Sub"));
  }

  @Test
  void projectDashboard_isValidJson_andDrawsOnlyMetricsThatExist() throws Exception {
    Template template = TemplateFixtures.projectTemplate();
    assertThat(template.resourcesOfType(DashboardCheck.DASHBOARD)).hasSize(1);
    assertThat(check.check(template)).isEmpty();

    // AND it has each view the operations team asked for
    JsonNode root = DashboardCheck.render(body(template));
    List<String> metrics = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    for (JsonNode widget : root.path("widgets")) {
      for (JsonNode row : widget.path("properties").path("metrics")) {
        metrics.add(row.toString());
      }
      queries.add(widget.path("properties").path("query").asText(""));
    }
    String all = String.join("\n", metrics);
    assertThat(all)
        .as("ingest rate")
        .contains("\"Invocations\",\"FunctionName\",\"{WhatsAppWebhookFunction}\"")
        .contains("\"IngestedMessages\"");
    assertThat(all).as("sends per second").contains("\"SendsAccepted\"", "PERIOD(accepted)");
    assertThat(all)
        .as("errors by class")
        .contains("\"SendAlarms\"", "\"SendPermanentFailures\"", "\"SendRetries\"")
        .contains("\"WebhookRefused\"", "\"WebhookStoreFailures\"", "\"Errors\"");
    assertThat(all)
        .as("DLQ depth")
        .contains("{OutboundDeadLetterQueue.QueueName}", "{MediaArchiveDeadLetterQueue.QueueName}");
    assertThat(all).as("throttles").contains("\"Throttles\"", "\"GraphRateLimited\"");
    assertThat(all).as("possible duplicates").contains("\"PossibleDuplicateSends\"");
    assertThat(String.join("\n", queries)).as("cold starts").contains("@initDuration", "Restore");
    assertThat(root.toString()).as("the limit line").contains("\"WaThroughputMps\",\"value\":1");
  }

  @Test
  void aMetricNoFilterDefines_isReported() {
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> sub = Maps.map(dashboard(template).get("DashboardBody"));
    sub.put("Fn::Sub", body(template).replace("\"SendRetries\"", "\"SendRetriez\""));
    assertThat(check.check(template))
        .singleElement()
        .asString()
        .contains("Frontdoor/SendRetriez has no metric filter");
  }

  @Test
  void aFilterOnAnEventNoCodeWrites_isReported() {
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> filter = template.properties("SendRetryMetric");
    filter.put("FilterPattern", "{ $.event = \"send.never_written\" }");
    assertThat(check.check(template))
        .singleElement()
        .asString()
        .contains("SendRetries counts event send.never_written, which no code writes");
  }

  @Test
  void anAwsMetricThatDoesNotExist_orADimensionOnNoResource_isReported() {
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> sub = Maps.map(dashboard(template).get("DashboardBody"));
    sub.put(
        "Fn::Sub",
        body(template)
            .replace(
                "\"Throttles\", \"FunctionName\", \"${SenderFunction}\"",
                "\"Throttled\", \"FunctionName\", \"${SenderFunction}\"")
            .replace("${OutboundDeadLetterQueue.QueueName}", "${NoSuchQueue.QueueName}"));
    assertThat(check.check(template))
        .hasSize(2)
        .anySatisfy(
            p -> assertThat(p).contains("AWS/Lambda/Throttled is not a metric AWS publishes"))
        .anySatisfy(
            p -> assertThat(p).contains("{NoSuchQueue.QueueName} is not a AWS::SQS::Queue"));
  }

  @Test
  void aBodyThatIsNotJson_isReported() {
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> sub = Maps.map(dashboard(template).get("DashboardBody"));
    sub.put("Fn::Sub", body(template).replaceFirst("\\]\\s*}\\s*$", "}"));
    assertThat(check.check(template)).singleElement().asString().contains("not JSON");
  }
}
