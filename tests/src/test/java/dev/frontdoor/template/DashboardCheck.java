package dev.frontdoor.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A CloudWatch dashboard's body is valid JSON once {@code !Sub} has run, and every metric it draws
 * exists: a {@code Frontdoor} metric is one a metric filter of the template defines, on log events
 * ({@code $.event = "..."}) that the code writes; an {@code AWS/...} metric is one AWS publishes in
 * that namespace, with its dimension naming a resource of the right type. A log widget's {@code
 * SOURCE}s are log groups of the template.
 */
final class DashboardCheck implements TemplateCheck {
  static final String DASHBOARD = "AWS::CloudWatch::Dashboard";
  static final String NAMESPACE = "Frontdoor";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What AWS publishes, for the namespaces the dashboard uses (CloudWatch's metric references). */
  static final Map<String, Set<String>> AWS_METRICS =
      Map.of(
          "AWS/Lambda",
          Set.of(
              "Invocations",
              "Errors",
              "Throttles",
              "Duration",
              "ConcurrentExecutions",
              "DeadLetterErrors",
              "IteratorAge"),
          "AWS/SQS",
          Set.of(
              "ApproximateNumberOfMessagesVisible",
              "ApproximateNumberOfMessagesNotVisible",
              "ApproximateAgeOfOldestMessage",
              "NumberOfMessagesSent",
              "NumberOfMessagesReceived",
              "NumberOfMessagesDeleted"),
          "AWS/DynamoDB",
          Set.of(
              "ThrottledRequests",
              "ConsumedReadCapacityUnits",
              "ConsumedWriteCapacityUnits",
              "SystemErrors",
              "UserErrors",
              "SuccessfulRequestLatency"));

  /** The dimension each AWS namespace is drawn by, and the resource type it must name. */
  static final Map<String, Map.Entry<String, String>> DIMENSIONS =
      Map.of(
          "AWS/Lambda", Map.entry("FunctionName", Template.SAM_FUNCTION),
          "AWS/SQS", Map.entry("QueueName", "AWS::SQS::Queue"),
          "AWS/DynamoDB", Map.entry("TableName", "AWS::DynamoDB::Table"));

  private static final Pattern SUB_NUMBER = Pattern.compile("(?<=: )\\$\\{([^}]+)}");
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
  private static final Pattern EVENT = Pattern.compile("\\$\\.event\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern SOURCE = Pattern.compile("SOURCE '\\{([^}]+)}'");

  private final String codeText;

  DashboardCheck(String codeText) {
    this.codeText = codeText;
  }

  /** Over the main sources of the modules that run in Lambda (their log events). */
  static DashboardCheck ofProject() {
    StringBuilder code = new StringBuilder();
    for (String module : List.of("shared", "functions")) {
      Path main = ProjectPaths.root().resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(main)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          code.append(Files.readString(file)).append('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new DashboardCheck(code.toString());
  }

  /**
   * The body as CloudFormation renders it, with each {@code ${X}} in a string kept as {@code {X}}
   * (so dimensions can be checked) and a bare one (a number) as 1.
   */
  static JsonNode render(String body) throws IOException {
    String numbers = SUB_NUMBER.matcher(body).replaceAll("1");
    return JSON.readTree(SUB.matcher(numbers).replaceAll("{$1}"));
  }

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> filterEvents = frontdoorMetrics(template);
    template
        .resourcesOfType(DASHBOARD)
        .forEach(
            (id, properties) -> {
              Object body = properties.get("DashboardBody");
              String text =
                  body instanceof String plain
                      ? plain
                      : String.valueOf(Maps.map(body).get("Fn::Sub"));
              JsonNode root;
              try {
                root = render(text);
              } catch (IOException e) {
                problems.add(id + ".DashboardBody: not JSON: " + e.getMessage());
                return;
              }
              if (!root.path("widgets").isArray() || root.path("widgets").isEmpty()) {
                problems.add(id + ".DashboardBody: no widgets");
              }
              for (JsonNode widget : root.path("widgets")) {
                checkWidget(template, id, widget, filterEvents, problems);
              }
            });
    return problems;
  }

  private void checkWidget(
      Template template,
      String id,
      JsonNode widget,
      Map<String, List<String>> filterEvents,
      List<String> problems) {
    JsonNode properties = widget.path("properties");
    String where = id + " widget '" + properties.path("title").asText("?") + "'";
    if (widget.path("type").asText().equals("log")) {
      Matcher source = SOURCE.matcher(properties.path("query").asText(""));
      int sources = 0;
      while (source.find()) {
        sources++;
        if (!template.type(source.group(1)).equals("AWS::Logs::LogGroup")) {
          problems.add(
              where + ": SOURCE " + source.group(1) + " is not a log group of the template");
        }
      }
      if (sources == 0) {
        problems.add(where + ": a log widget without a SOURCE log group");
      }
      return;
    }
    for (JsonNode row : properties.path("metrics")) {
      if (!row.isArray() || row.isEmpty() || row.get(0).isObject()) {
        continue; // a metric math expression: its inputs are rows of their own
      }
      String namespace = row.get(0).asText();
      String metric = row.path(1).asText();
      if (namespace.equals(NAMESPACE)) {
        List<String> events = filterEvents.get(metric);
        if (events == null) {
          problems.add(where + ": " + NAMESPACE + "/" + metric + " has no metric filter");
        } else {
          for (String event : events) {
            if (!codeText.contains("\"" + event + "\"")) {
              problems.add(
                  where + ": " + metric + " counts event " + event + ", which no code writes");
            }
          }
        }
        continue;
      }
      Set<String> published = AWS_METRICS.get(namespace);
      if (published == null || !published.contains(metric)) {
        problems.add(where + ": " + namespace + "/" + metric + " is not a metric AWS publishes");
        continue;
      }
      Map.Entry<String, String> dimension = DIMENSIONS.get(namespace);
      if (!row.path(2).asText().equals(dimension.getKey())) {
        problems.add(where + ": " + namespace + "/" + metric + " without " + dimension.getKey());
        continue;
      }
      String value = row.path(3).asText();
      String target =
          value.startsWith("{") && value.endsWith("}")
              ? value.substring(1, value.length() - 1).split("\\.")[0]
              : "";
      if (!template.type(target).equals(dimension.getValue())) {
        problems.add(
            where
                + ": "
                + metric
                + " "
                + dimension.getKey()
                + " "
                + value
                + " is not a "
                + dimension.getValue()
                + " of the template");
      }
    }
  }

  /** Each Frontdoor metric the template's metric filters define, with the events they count. */
  static Map<String, List<String>> frontdoorMetrics(Template template) {
    Map<String, List<String>> metrics = new HashMap<>();
    template
        .resourcesOfType("AWS::Logs::MetricFilter")
        .forEach(
            (id, properties) -> {
              List<String> events = new ArrayList<>();
              Matcher event = EVENT.matcher(String.valueOf(properties.get("FilterPattern")));
              while (event.find()) {
                events.add(event.group(1));
              }
              for (Object transformation : Maps.list(properties.get("MetricTransformations"))) {
                Map<String, Object> t = Maps.map(transformation);
                if (NAMESPACE.equals(t.get("MetricNamespace"))) {
                  metrics
                      .computeIfAbsent(String.valueOf(t.get("MetricName")), k -> new ArrayList<>())
                      .addAll(events);
                }
              }
            });
    return metrics;
  }
}
