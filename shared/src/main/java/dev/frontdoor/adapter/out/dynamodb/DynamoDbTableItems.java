package dev.frontdoor.adapter.out.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.analytics.port.out.TableItems;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The whole table by a consistent parallel {@code Scan}, each item turned into DynamoDB JSON: the
 * form an export to S3 writes ({@code {"S": "…"}}, numbers as strings, binary as base64).
 */
public final class DynamoDbTableItems implements TableItems {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbTableItems(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public TableIdentity identity() {
    TableDescription table = dynamoDb.describeTable(r -> r.tableName(tableName)).table();
    return new TableIdentity(table.tableArn(), table.tableId() == null ? "" : table.tableId());
  }

  @Override
  public void scan(int segment, int totalSegments, Consumer<ObjectNode> item) {
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request =
          ScanRequest.builder()
              .tableName(tableName)
              .consistentRead(true)
              .segment(segment)
              .totalSegments(totalSegments);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page = dynamoDb.scan(request.build());
      page.items().forEach(found -> item.accept(json(found)));
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
  }

  /**
   * An item in DynamoDB JSON, the typed form both an export and a stream record carry (the local
   * runtime's table stream writes its images with it).
   */
  public static ObjectNode json(Map<String, AttributeValue> item) {
    ObjectNode node = NODES.objectNode();
    item.forEach((name, value) -> node.set(name, json(value)));
    return node;
  }

  /** One attribute in DynamoDB JSON: {@code {"S": "…"}}, numbers as strings, binary as base64. */
  public static ObjectNode json(AttributeValue value) {
    ObjectNode typed = NODES.objectNode();
    switch (value.type()) {
      case S -> typed.put("S", value.s());
      case N -> typed.put("N", value.n());
      case B -> typed.put("B", base64(value.b()));
      case BOOL -> typed.put("BOOL", value.bool());
      case NUL -> typed.put("NULL", true);
      case SS -> strings(typed.putArray("SS"), value.ss());
      case NS -> strings(typed.putArray("NS"), value.ns());
      case BS -> value.bs().forEach(bytes -> typed.withArray("BS").add(base64(bytes)));
      case M -> typed.set("M", json(value.m()));
      case L -> {
        ArrayNode list = typed.putArray("L");
        value.l().forEach(element -> list.add((JsonNode) json(element)));
      }
      default -> throw new IllegalArgumentException("an attribute of unknown type: " + value);
    }
    return typed;
  }

  private static void strings(ArrayNode array, java.util.List<String> values) {
    values.forEach(array::add);
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
