package dev.frontdoor.adapter.in.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.analytics.events.StoredChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes DynamoDB stream records as Lambda delivers them ({@code {"Records": [{"eventName",
 * "dynamodb": {"OldImage", "NewImage", "SequenceNumber"}, "userIdentity"}]}}, images in DynamoDB's
 * typed JSON) into stored changes. The local runtime builds the same records from the table's
 * writes and decodes them here too, so both feed the core the same values.
 */
public final class DynamoDbStreamRecords {
  private DynamoDbStreamRecords() {}

  /** The principal of a deletion by TTL (docs: "Time to Live and DynamoDB Streams"). */
  static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

  /** One record: where the stream resumes from, and what changed. */
  public record Record(String sequenceNumber, StoredChange change) {}

  /**
   * The records of a Lambda event, in order.
   *
   * @throws IllegalArgumentException when the event is not a stream event
   */
  public static List<Record> of(JsonNode event) {
    JsonNode records = event == null ? null : event.get("Records");
    if (records == null || !records.isArray()) {
      throw new IllegalArgumentException("not a DynamoDB stream event: no Records");
    }
    List<Record> decoded = new ArrayList<>();
    for (JsonNode record : records) {
      decoded.add(record(record));
    }
    return decoded;
  }

  public static Record record(JsonNode record) {
    String name = record.path("eventName").asText("");
    StoredChange.Kind kind;
    try {
      kind = StoredChange.Kind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a stream record event name: " + name, e);
    }
    JsonNode dynamodb = record.path("dynamodb");
    boolean byTtl =
        "Service".equals(record.path("userIdentity").path("type").asText())
            && TTL_PRINCIPAL.equals(record.path("userIdentity").path("principalId").asText());
    return new Record(
        dynamodb.path("SequenceNumber").asText(""),
        new StoredChange(
            kind, image(dynamodb.get("OldImage")), image(dynamodb.get("NewImage")), byTtl));
  }

  /** An item in DynamoDB's typed JSON as plain values; empty when absent. */
  public static Map<String, Object> image(JsonNode item) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (item == null || !item.isObject()) {
      return values;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      values.put(field.getKey(), value(field.getValue()));
    }
    return values;
  }

  private static Object value(JsonNode typed) {
    if (typed == null || !typed.isObject() || typed.size() != 1) {
      throw new IllegalArgumentException("not a typed DynamoDB value");
    }
    Map.Entry<String, JsonNode> only = typed.fields().next();
    JsonNode v = only.getValue();
    switch (only.getKey()) {
      case "S":
        return v.asText();
      case "N":
        return new BigDecimal(v.asText());
      case "BOOL":
        return v.asBoolean();
      case "NULL":
        return null;
      case "B":
        return Base64.getDecoder().decode(v.asText());
      case "M":
        return image(v);
      case "L":
        List<Object> list = new ArrayList<>();
        v.forEach(element -> list.add(value(element)));
        return list;
      case "SS":
        Set<Object> strings = new LinkedHashSet<>();
        v.forEach(element -> strings.add(element.asText()));
        return strings;
      case "NS":
        Set<Object> numbers = new LinkedHashSet<>();
        v.forEach(element -> numbers.add(new BigDecimal(element.asText())));
        return numbers;
      case "BS":
        Set<Object> binaries = new LinkedHashSet<>();
        v.forEach(element -> binaries.add(Base64.getDecoder().decode(element.asText())));
        return binaries;
      default:
        throw new IllegalArgumentException("unknown DynamoDB type " + only.getKey());
    }
  }
}
