package dev.frontdoor.infra.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * template.yaml as the local runtime reads it: the functions with their HTTP API routes and
 * environment, the DynamoDB tables and the SQS queues. The template is the one source of truth;
 * nothing here restates what it declares.
 */
public final class SamTemplate {
  private final Map<String, Object> root;

  private SamTemplate(Map<String, Object> root) {
    this.root = root;
  }

  public static SamTemplate load(Path file) {
    return new SamTemplate(CfnYaml.load(file));
  }

  public static SamTemplate of(Map<String, Object> root) {
    return new SamTemplate(root);
  }

  public Map<String, Object> raw() {
    return root;
  }

  /** Every HTTP API route, in template order. */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    resourcesOfType("AWS::Serverless::Function")
        .forEach(
            (logicalId, properties) -> {
              String handler = string(properties, "Handler", logicalId);
              Map<String, Object> events = map(properties.get("Events"));
              events.forEach(
                  (eventId, event) -> {
                    Map<String, Object> eventMap = map(event);
                    if ("HttpApi".equals(eventMap.get("Type"))) {
                      Map<String, Object> props = map(eventMap.get("Properties"));
                      routes.add(
                          new Route(
                              string(props, "Method", logicalId + "." + eventId)
                                  .toUpperCase(Locale.ROOT),
                              string(props, "Path", logicalId + "." + eventId),
                              logicalId,
                              handler));
                    }
                  });
            });
    return routes;
  }

  /** Every function with a Lambda function URL ({@code FunctionUrlConfig}), in template order. */
  public List<FunctionUrl> functionUrls() {
    List<FunctionUrl> urls = new ArrayList<>();
    resourcesOfType("AWS::Serverless::Function")
        .forEach(
            (logicalId, properties) -> {
              if (properties.containsKey("FunctionUrlConfig")) {
                urls.add(new FunctionUrl(logicalId, string(properties, "Handler", logicalId)));
              }
            });
    return urls;
  }

  /** Every function fed by an SQS queue (an {@code SQS} event on {@code !GetAtt Queue.Arn}). */
  static final int DEFAULT_EVENT_CONCURRENCY = 2;

  public List<QueueConsumer> queueConsumers() {
    List<QueueConsumer> consumers = new ArrayList<>();
    forEachEvent(
        "SQS",
        (logicalId, function, props) -> {
          Object queue = map(props.get("Queue")).get("Fn::GetAtt");
          Object batch = props.getOrDefault("BatchSize", 10);
          Object concurrency = map(props.get("ScalingConfig")).get("MaximumConcurrency");
          consumers.add(
              new QueueConsumer(
                  logicalId,
                  string(function, "Handler", logicalId),
                  String.valueOf(list(queue).get(0)),
                  batch instanceof Number n ? n.intValue() : 10,
                  concurrency instanceof Number c ? c.intValue() : DEFAULT_EVENT_CONCURRENCY));
        });
    return consumers;
  }

  /**
   * Every function an EventBridge rule invokes ({@code EventBridgeRule} events), with the rule's
   * pattern's {@code source} and {@code detail-type} lists (empty: any).
   */
  public List<RuleTarget> ruleTargets() {
    List<RuleTarget> targets = new ArrayList<>();
    forEachEvent(
        "EventBridgeRule",
        (logicalId, function, props) -> {
          Map<String, Object> pattern = map(props.get("Pattern"));
          targets.add(
              new RuleTarget(
                  logicalId,
                  string(function, "Handler", logicalId),
                  strings(pattern.get("source")),
                  strings(pattern.get("detail-type"))));
        });
    return targets;
  }

  /**
   * The filter patterns ({@code FilterCriteria.Filters[].Pattern}, JSON text) of every function fed
   * by the table's stream (a {@code DynamoDB} event), in template order; empty when no consumer
   * filters.
   */
  public List<String> tableStreamFilterPatterns() {
    List<String> patterns = new ArrayList<>();
    forEachEvent(
        "DynamoDB",
        (logicalId, function, props) -> {
          for (Object filter : list(map(props.get("FilterCriteria")).get("Filters"))) {
            Object pattern = map(filter).get("Pattern");
            if (pattern != null) {
              patterns.add(String.valueOf(pattern));
            }
          }
        });
    return patterns;
  }

  /** Each function's events of {@code type}, in template order, with the event's Properties. */
  private void forEachEvent(String type, EventVisitor visitor) {
    resourcesOfType("AWS::Serverless::Function")
        .forEach(
            (logicalId, function) ->
                map(function.get("Events"))
                    .forEach(
                        (eventId, event) -> {
                          Map<String, Object> eventMap = map(event);
                          if (type.equals(eventMap.get("Type"))) {
                            visitor.visit(logicalId, function, map(eventMap.get("Properties")));
                          }
                        }));
  }

  private interface EventVisitor {
    void visit(String functionId, Map<String, Object> function, Map<String, Object> properties);
  }

  private static List<String> strings(Object value) {
    return value == null ? List.of() : list(value).stream().map(String::valueOf).toList();
  }

  /** A function an EventBridge rule targets, and what the rule matches. */
  public record RuleTarget(
      String functionId, String handler, List<String> sources, List<String> detailTypes) {
    public String handlerClass() {
      return handler.split("::", 2)[0];
    }

    /** Whether an event with this {@code source} and {@code detail-type} matches the rule. */
    public boolean matches(String source, String detailType) {
      return (sources.isEmpty() || sources.contains(source))
          && (detailTypes.isEmpty() || detailTypes.contains(detailType));
    }
  }

  /** Global environment variables merged with the function's own (the function's win). */
  public Map<String, Object> environment(String functionId) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
    merged.putAll(map(map(globals.get("Environment")).get("Variables")));
    Map<String, Object> own = map(resource(functionId).get("Properties"));
    merged.putAll(map(map(own.get("Environment")).get("Variables")));
    return merged;
  }

  /** The properties of every resource of {@code type}, by logical id, in template order. */
  public Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    map(root.get("Resources"))
        .forEach(
            (logicalId, resource) -> {
              Map<String, Object> resourceMap = map(resource);
              if (type.equals(resourceMap.get("Type"))) {
                found.put(logicalId, map(resourceMap.get("Properties")));
              }
            });
    return found;
  }

  public Map<String, Object> resource(String logicalId) {
    Object resource = map(root.get("Resources")).get(logicalId);
    if (resource == null) {
      throw new TemplateException("no resource " + logicalId + " in the template");
    }
    return map(resource);
  }

  public Optional<String> typeOf(String logicalId) {
    Object resource = map(root.get("Resources")).get(logicalId);
    return resource == null
        ? Optional.empty()
        : Optional.ofNullable((String) map(resource).get("Type"));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw new TemplateException("expected a mapping, found " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw new TemplateException("expected a list, found " + value);
    }
    return (List<Object>) value;
  }

  private static String string(Map<String, Object> properties, String key, String where) {
    Object value = properties.get(key);
    if (!(value instanceof String text)) {
      throw new TemplateException(where + ": " + key + " must be a plain string");
    }
    return text;
  }

  /** A function and the queue it drains. */
  /**
   * One SQS event source. {@code maxConcurrency} is its {@code ScalingConfig.MaximumConcurrency}
   * (else 2, the least Lambda allows): how many execution environments take batches at once.
   */
  public record QueueConsumer(
      String functionId, String handler, String queueId, int batchSize, int maxConcurrency) {
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }

  /** A function's own URL: every method and path, handed to its handler as route $default. */
  public record FunctionUrl(String functionId, String handler) {
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }

  /** One HTTP API route: {@code GET /webhooks/whatsapp} served by a function's handler. */
  public record Route(String method, String path, String functionId, String handler) {
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }
}
