package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;

import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.Digests;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.port.out.RawEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RawEventStore}: {@code RAW#<kind>} items keyed by the content's hash, kept 30 days. A raw
 * event known to mention customers lists their pseudonyms in {@code customer_refs}, and each gets a
 * reference {@code RAWREF#<customer_ref>} / {@code RAW#<kind>#<hash>} written after the raw event
 * (target first, as every lookup) and rewritten by a retry, so erasure finds it by Query.
 */
public final class DynamoDbRawEventStore implements RawEventStore {
  private static final Duration RAW_RETENTION = Duration.ofDays(30);
  private static final int MAX_RAW_CHARS = 16_384;

  private final TableClient table;
  private final CustomerRefs refs;

  public DynamoDbRawEventStore(DynamoDbClient client, String tableName, CustomerRefs refs) {
    this.table = new TableClient(client, tableName);
    this.refs = refs;
  }

  @Override
  public boolean putRawEvent(RawEvent event, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    String pk = "RAW#" + event.kind();
    String sk = Digests.sha256Hex(event.json());
    long expires = now.plus(RAW_RETENTION).getEpochSecond();
    Set<String> customerRefs = new TreeSet<>();
    event.customers().forEach(customer -> customerRefs.add(refs.of(customer)));
    item.put(PK, pk);
    item.put(SK, sk);
    item.put("entity", "raw_event");
    item.put("schema_version", TimelineItems.SCHEMA_VERSION);
    item.put("reason", event.reason());
    String json = event.json();
    item.put("json", json.length() > MAX_RAW_CHARS ? json.substring(0, MAX_RAW_CHARS) : json);
    if (json.length() > MAX_RAW_CHARS) {
      item.put("json_truncated", true);
    }
    item.put("at", now.toEpochMilli());
    if (!customerRefs.isEmpty()) {
      item.put("customer_refs", AttributeValue.fromSs(List.copyOf(customerRefs)));
    }
    item.put(EXPIRES_AT, expires);
    boolean isNew = table.putIfAbsent(item);
    // Also after a duplicate: a crash between the two writes is repaired by the provider's retry.
    for (String customerRef : customerRefs) {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put(PK, Keys.rawEventsOf(customerRef));
      ref.put(SK, pk + "#" + sk);
      ref.put("entity", "lookup");
      ref.put("schema_version", TimelineItems.SCHEMA_VERSION);
      ref.put("target_pk", pk);
      ref.put("target_sk", sk);
      ref.put(EXPIRES_AT, expires);
      table.put(ref);
    }
    return isNew;
  }
}
