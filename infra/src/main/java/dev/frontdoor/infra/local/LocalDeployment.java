package dev.frontdoor.infra.local;

import static dev.frontdoor.infra.template.SamTemplate.list;
import static dev.frontdoor.infra.template.SamTemplate.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.infra.template.TemplateException;
import dev.frontdoor.logging.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates template.yaml's DynamoDB tables and SQS queues on the embedded servers, from the
 * template's own properties, and resolves the references ({@code !Ref}, {@code !GetAtt}, {@code
 * !Sub}) that functions' environments make to them. Existing tables and queues (kept on disk from
 * an earlier run) are reused.
 */
public final class LocalDeployment {
  public static final String STACK_NAME = "frontdoor-local";
  private static final Log LOG = Log.of(LocalDeployment.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final SamTemplate template;
  private final String region;
  private final Map<String, String> tableNames = new LinkedHashMap<>();
  private final Map<String, LocalQueue> queues = new LinkedHashMap<>();

  private LocalDeployment(SamTemplate template, String region) {
    this.template = template;
    this.region = region;
  }

  public static LocalDeployment create(
      SamTemplate template, String region, DynamoDbClient dynamoDb, SqsClient sqs) {
    LocalDeployment deployment = new LocalDeployment(template, region);
    template.resourcesOfType("AWS::DynamoDB::Table").forEach(deployment.tableCreator(dynamoDb));
    deployment.createQueues(sqs);
    return deployment;
  }

  /**
   * Only the template's tables, created as {@link #create} creates them (a store's contract tests
   * need no queues, and some engines serve DynamoDB alone): logical id to table name.
   */
  public static Map<String, String> createTables(SamTemplate template, DynamoDbClient dynamoDb) {
    LocalDeployment deployment = new LocalDeployment(template, "");
    template.resourcesOfType("AWS::DynamoDB::Table").forEach(deployment.tableCreator(dynamoDb));
    return deployment.tableNames();
  }

  public Map<String, String> tableNames() {
    return tableNames;
  }

  public Map<String, LocalQueue> queues() {
    return queues;
  }

  /**
   * A function's environment: template values with references to resources resolved; a reference to
   * a template parameter takes the variable of the same name from {@code settings}, else the
   * parameter's default.
   */
  public Map<String, String> environmentOf(String functionId, Map<String, String> settings) {
    Map<String, String> env = new LinkedHashMap<>();
    template
        .environment(functionId)
        .forEach(
            (name, value) -> {
              Optional<String> resolved =
                  isParameterRef(value)
                      ? Optional.ofNullable(settings.get(name)).or(() -> parameterDefault(value))
                      : Optional.of(resolve(value));
              resolved.filter(text -> !text.isEmpty()).ifPresent(text -> env.put(name, text));
            });
    return env;
  }

  private java.util.function.BiConsumer<String, Map<String, Object>> tableCreator(
      DynamoDbClient dynamoDb) {
    return (logicalId, properties) -> {
      String name = STACK_NAME + "-" + logicalId;
      tableNames.put(logicalId, name);
      if (tableExists(dynamoDb, name)) {
        LOG.info("local.table.reused").field("table", name).write();
        return;
      }
      dynamoDb.createTable(createTableRequest(name, properties));
      Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
      if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
        enableTimeToLive(dynamoDb, name, (String) ttl.get("AttributeName"));
      }
      LOG.info("local.table.created").field("table", name).write();
    };
  }

  /**
   * dynalite has no TTL (it answers UnknownOperationException): the call is skipped there, which
   * changes nothing the gateway sees, as every read already ignores expired items.
   */
  private static void enableTimeToLive(DynamoDbClient dynamoDb, String table, String attribute) {
    try {
      dynamoDb.updateTimeToLive(
          request ->
              request
                  .tableName(table)
                  .timeToLiveSpecification(
                      TimeToLiveSpecification.builder()
                          .attributeName(attribute)
                          .enabled(true)
                          .build()));
    } catch (DynamoDbException e) {
      if (!"UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
      LOG.info("local.table.ttl_skipped").field("table", table).write();
    }
  }

  static CreateTableRequest createTableRequest(String name, Map<String, Object> properties) {
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(
                list(properties.get("AttributeDefinitions")).stream()
                    .map(SamTemplate::map)
                    .map(
                        definition ->
                            AttributeDefinition.builder()
                                .attributeName((String) definition.get("AttributeName"))
                                .attributeType((String) definition.get("AttributeType"))
                                .build())
                    .toList())
            .keySchema(keySchema(properties.get("KeySchema")));
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (Object index : list(properties.get("GlobalSecondaryIndexes"))) {
      Map<String, Object> indexMap = map(index);
      Map<String, Object> projection = map(indexMap.get("Projection"));
      indexes.add(
          GlobalSecondaryIndex.builder()
              .indexName((String) indexMap.get("IndexName"))
              .keySchema(keySchema(indexMap.get("KeySchema")))
              .projection(
                  Projection.builder()
                      .projectionType((String) projection.getOrDefault("ProjectionType", "ALL"))
                      .nonKeyAttributes(
                          list(projection.get("NonKeyAttributes")).stream()
                              .map(String::valueOf)
                              .toList())
                      .build())
              .build());
    }
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(indexes);
    }
    Map<String, Object> stream = map(properties.get("StreamSpecification"));
    if (stream.get("StreamViewType") instanceof String viewType) {
      request.streamSpecification(
          StreamSpecification.builder().streamEnabled(true).streamViewType(viewType).build());
    }
    return request.build();
  }

  private static List<KeySchemaElement> keySchema(Object schema) {
    return list(schema).stream()
        .map(SamTemplate::map)
        .map(
            key ->
                KeySchemaElement.builder()
                    .attributeName((String) key.get("AttributeName"))
                    .keyType((String) key.get("KeyType"))
                    .build())
        .toList();
  }

  private static boolean tableExists(DynamoDbClient dynamoDb, String name) {
    try {
      dynamoDb.describeTable(request -> request.tableName(name));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  /** Dead-letter queues first: a queue's redrive policy needs its target's ARN. */
  private void createQueues(SqsClient sqs) {
    Map<String, Map<String, Object>> pending =
        new LinkedHashMap<>(template.resourcesOfType("AWS::SQS::Queue"));
    while (!pending.isEmpty()) {
      int before = pending.size();
      pending
          .entrySet()
          .removeIf(
              entry -> {
                Optional<String> target = redriveTarget(entry.getValue());
                if (target.isPresent() && !queues.containsKey(target.get())) {
                  return false;
                }
                createQueue(sqs, entry.getKey(), entry.getValue());
                return true;
              });
      if (pending.size() == before) {
        throw new TemplateException("queues with circular redrive policies: " + pending.keySet());
      }
    }
  }

  private void createQueue(SqsClient sqs, String logicalId, Map<String, Object> properties) {
    String name =
        properties.containsKey("QueueName")
            ? resolve(properties.get("QueueName"))
            : STACK_NAME + "-" + logicalId;
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    copy(properties, "FifoQueue", attributes, QueueAttributeName.FIFO_QUEUE);
    copy(
        properties,
        "ContentBasedDeduplication",
        attributes,
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
    copy(properties, "VisibilityTimeout", attributes, QueueAttributeName.VISIBILITY_TIMEOUT);
    copy(
        properties,
        "MessageRetentionPeriod",
        attributes,
        QueueAttributeName.MESSAGE_RETENTION_PERIOD);
    copy(properties, "DelaySeconds", attributes, QueueAttributeName.DELAY_SECONDS);
    copy(
        properties,
        "ReceiveMessageWaitTimeSeconds",
        attributes,
        QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
    Map<String, Object> redrive = map(properties.get("RedrivePolicy"));
    if (!redrive.isEmpty()) {
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("deadLetterTargetArn", resolve(redrive.get("deadLetterTargetArn")));
      policy.put("maxReceiveCount", redrive.get("maxReceiveCount"));
      try {
        attributes.put(QueueAttributeName.REDRIVE_POLICY, JSON.writeValueAsString(policy));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new TemplateException("bad RedrivePolicy on " + logicalId);
      }
    }
    String url =
        sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    String arn =
        sqs.getQueueAttributes(
                request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    queues.put(logicalId, new LocalQueue(logicalId, name, url, arn));
    LOG.info("local.queue.ready").field("queue", name).write();
  }

  private static void copy(
      Map<String, Object> properties,
      String property,
      Map<QueueAttributeName, String> attributes,
      QueueAttributeName attribute) {
    Object value = properties.get(property);
    if (value != null) {
      attributes.put(attribute, String.valueOf(value));
    }
  }

  private static Optional<String> redriveTarget(Map<String, Object> properties) {
    Object target = map(properties.get("RedrivePolicy")).get("deadLetterTargetArn");
    if (target instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> parts) {
      return Optional.of(String.valueOf(parts.get(0)));
    }
    return Optional.empty();
  }

  private boolean isParameterRef(Object value) {
    return value instanceof Map<?, ?> ref
        && ref.get("Ref") instanceof String target
        && map(template.raw().get("Parameters")).containsKey(target);
  }

  private Optional<String> parameterDefault(Object ref) {
    String parameter = (String) map(ref).get("Ref");
    Object fallback = map(map(template.raw().get("Parameters")).get(parameter)).get("Default");
    return Optional.ofNullable(fallback).map(String::valueOf);
  }

  /** Resolves a value to the string CloudFormation would produce for this local deployment. */
  String resolve(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    Map<String, Object> intrinsic = map(value);
    if (intrinsic.get("Ref") instanceof String target) {
      return reference(target);
    }
    if (intrinsic.get("Fn::GetAtt") instanceof List<?> parts) {
      return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
    }
    if (intrinsic.get("Fn::Sub") instanceof String pattern) {
      Matcher matcher = SUB_VARIABLE.matcher(pattern);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String variable = matcher.group(1);
        int dot = variable.indexOf('.');
        String replacement =
            dot < 0 || variable.startsWith("AWS::")
                ? reference(variable)
                : attribute(variable.substring(0, dot), variable.substring(dot + 1));
        matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(out);
      return out.toString();
    }
    throw new TemplateException("the local runtime cannot resolve " + value);
  }

  private String reference(String target) {
    switch (target) {
      case "AWS::StackName":
        return STACK_NAME;
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return "000000000000";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      default:
        break;
    }
    if (tableNames.containsKey(target)) {
      return tableNames.get(target);
    }
    if (queues.containsKey(target)) {
      return queues.get(target).url();
    }
    throw new TemplateException("the local runtime cannot resolve !Ref " + target);
  }

  private String attribute(String target, String attribute) {
    LocalQueue queue = queues.get(target);
    if (queue != null && attribute.equals("Arn")) {
      return queue.arn();
    }
    if (queue != null && attribute.equals("QueueName")) {
      return queue.name();
    }
    throw new TemplateException(
        "the local runtime cannot resolve !GetAtt " + target + "." + attribute);
  }

  /** A queue as created locally. */
  public record LocalQueue(String logicalId, String name, String url, String arn) {}
}
