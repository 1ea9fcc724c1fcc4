package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.InvalidUserIdException;
import dev.frontdoor.common.UserId;
import dev.frontdoor.lifecycle.StoredItem;
import dev.frontdoor.lifecycle.Tombstone;
import dev.frontdoor.lifecycle.port.out.ErasureStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link ErasureStore}: consistent {@code Query} of whole partitions, {@code BatchWriteItem}
 * deletes, and the {@code ERASED#<customer_ref>} / {@code TOMBSTONE} item (docs/data-model.md 12).
 */
public final class DynamoDbErasureStore implements ErasureStore {
  /** Longer than any export may be kept (data-model 11). */
  static final Duration TOMBSTONE_MARGIN = Duration.ofDays(400);

  private static final Map<String, String> NAMES =
      Map.of("#pk", PK, "#sk", SK, "#entity", "entity", "#lookups", "lookups", "#uid", "user_id");
  private static final String PROJECTION = "#pk, #sk, #entity, #lookups, #uid";

  private final TableClient table;
  private final Duration retention;

  public DynamoDbErasureStore(DynamoDbClient client, String tableName, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.retention = retention;
  }

  @Override
  public List<StoredItem> customerItems(CustomerKey customer) {
    return partition(Keys.customer(customer));
  }

  @Override
  public List<StoredItem> lookupPartition(String pk) {
    return partition(pk);
  }

  @Override
  public List<StoredItem> rawEvents(String customerRef) {
    List<Map<String, AttributeValue>> refs =
        table.query(
            QueryRequest.builder()
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(values(":pk", Keys.rawEventsOf(customerRef)))
                .consistentRead(true));
    List<Map<String, AttributeValue>> targets = new ArrayList<>();
    for (Map<String, AttributeValue> ref : refs) {
      if (ref.containsKey("target_pk") && ref.containsKey("target_sk")) {
        targets.add(table.key(ref.get("target_pk").s(), ref.get("target_sk").s()));
      }
    }
    // Raw events first (only those still there, so the receipt counts what went), then the
    // references: a crash between the two leaves references that a re-run follows again.
    List<StoredItem> found = new ArrayList<>();
    for (Map<String, AttributeValue> raw : table.getAllConsistent(targets)) {
      found.add(StoredItem.of(raw.get(PK).s(), raw.get(SK).s(), "raw_event"));
    }
    for (Map<String, AttributeValue> ref : refs) {
      found.add(StoredItem.of(ref.get(PK).s(), ref.get(SK).s(), string(ref, "entity")));
    }
    return found;
  }

  @Override
  public String userIdPartition(UserId userId) {
    return Keys.userId(userId);
  }

  @Override
  public void delete(Collection<StoredItem> items) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (StoredItem item : items) {
      keys.add(table.key(item.pk(), item.sk()));
    }
    table.deleteAll(keys);
  }

  @Override
  public void putTombstone(Tombstone tombstone) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.tombstone(tombstone.customerRef()));
    item.put(SK, Keys.TOMBSTONE);
    item.put("entity", "tombstone");
    item.put("schema_version", SCHEMA_VERSION);
    item.put("customer_ref", tombstone.customerRef());
    item.put("erased_at", tombstone.erasedAtMillis());
    item.put("state", tombstone.state());
    if (tombstone.completedAt() > 0) {
      item.put("completed_at", tombstone.completedAt());
      item.put("items_deleted", tombstone.itemsDeleted());
    }
    item.put(
        EXPIRES_AT,
        tombstone.erasedAtMillis() / 1000 + retention.getSeconds() + TOMBSTONE_MARGIN.getSeconds());
    table.put(item);
  }

  private List<StoredItem> partition(String pk) {
    List<StoredItem> found = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.query(
            QueryRequest.builder()
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(values(":pk", pk))
                .projectionExpression(PROJECTION)
                .consistentRead(true))) {
      Set<String> lookups = new LinkedHashSet<>();
      if (item.containsKey("lookups") && item.get("lookups").hasSs()) {
        lookups.addAll(item.get("lookups").ss());
      }
      Set<UserId> userIds = new LinkedHashSet<>();
      String userId = string(item, "user_id");
      if (userId != null) {
        try {
          UserId id = new UserId(userId);
          userIds.add(id);
          lookups.add(Keys.userId(id));
        } catch (InvalidUserIdException e) {
          // not a BSUID this code wrote: nothing to follow
        }
      }
      found.add(
          new StoredItem(
              item.get(PK).s(), item.get(SK).s(), string(item, "entity"), lookups, userIds));
    }
    return found;
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
