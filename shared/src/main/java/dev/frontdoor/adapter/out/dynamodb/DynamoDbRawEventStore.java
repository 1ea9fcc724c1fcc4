package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;

import dev.frontdoor.common.Digests;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.port.out.RawEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link RawEventStore}: {@code RAW#<kind>} items keyed by the content's hash, kept 30 days. */
public final class DynamoDbRawEventStore implements RawEventStore {
  private static final Duration RAW_RETENTION = Duration.ofDays(30);
  private static final int MAX_RAW_CHARS = 16_384;

  private final TableClient table;

  public DynamoDbRawEventStore(DynamoDbClient client, String tableName) {
    this.table = new TableClient(client, tableName);
  }

  @Override
  public boolean putRawEvent(RawEvent event, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, "RAW#" + event.kind());
    item.put(SK, Digests.sha256Hex(event.json()));
    item.put("entity", "raw_event");
    item.put("schema_version", TimelineItems.SCHEMA_VERSION);
    item.put("reason", event.reason());
    String json = event.json();
    item.put("json", json.length() > MAX_RAW_CHARS ? json.substring(0, MAX_RAW_CHARS) : json);
    if (json.length() > MAX_RAW_CHARS) {
      item.put("json_truncated", true);
    }
    item.put("at", now.toEpochMilli());
    item.put(EXPIRES_AT, now.plus(RAW_RETENTION).getEpochSecond());
    return table.putIfAbsent(item);
  }
}
