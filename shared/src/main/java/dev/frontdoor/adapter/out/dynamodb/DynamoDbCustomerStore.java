package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.ThreadState;
import dev.frontdoor.threads.port.out.CustomerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CustomerStore}: the {@code THREAD}, {@code OPTOUT} and {@code PERM#CALL#} items of a
 * customer's partition, and the state a send is decided on ({@link CustomerState};
 * docs/data-model.md, 5.1 to 5.3, 9.1, 9.7).
 */
public final class DynamoDbCustomerStore implements CustomerStore {
  private static final Duration OPT_OUT_RETENTION = Duration.ofDays(5 * 365);

  private final TableClient table;
  private final TimelineItems items;

  public DynamoDbCustomerStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.items = new TimelineItems(refs, retention);
  }

  @Override
  public void touchThread(
      CustomerNumber customer,
      BusinessNumber business,
      long atMillis,
      String profileName,
      Instant now) {
    Map<String, AttributeValue> values =
        values(
            ":entity",
            "thread",
            ":v",
            SCHEMA_VERSION,
            ":ref",
            items.customerRef(customer),
            ":t",
            atMillis,
            ":exp",
            items.expiresAt(Math.max(atMillis, now.toEpochMilli())));
    values.put(":pnid", AttributeValue.fromSs(List.of(business.phoneNumberId())));
    String set =
        "SET entity = :entity, schema_version = :v, customer_ref = :ref,"
            + " created_at = if_not_exists(created_at, :t), last_activity_at = :t, expires_at = :exp";
    if (profileName != null) {
      set += ", profile_name = :name";
      values.put(":name", AttributeValue.fromS(profileName));
    }
    Map<String, AttributeValue> key = table.key(Keys.customer(customer), Keys.THREAD);
    Optional<Map<String, AttributeValue>> older =
        table.updateOrOld(
            UpdateItemRequest.builder()
                .key(key)
                .updateExpression(set + " ADD business_numbers :pnid")
                .conditionExpression(
                    "attribute_not_exists(last_activity_at) OR last_activity_at < :t")
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    boolean knowsNumber =
        older
            .map(old -> old.get("business_numbers"))
            .map(numbers -> numbers.ss().contains(business.phoneNumberId()))
            .orElse(true);
    if (!knowsNumber) {
      table.updateIgnoringCondition(
          UpdateItemRequest.builder()
              .key(key)
              .updateExpression("ADD business_numbers :pnid")
              .conditionExpression("attribute_exists(pk)")
              .expressionAttributeValues(
                  Map.of(":pnid", AttributeValue.fromSs(List.of(business.phoneNumberId())))));
    }
  }

  @Override
  public void recordOptOut(
      CustomerKey customer, boolean optedOut, long atMillis, String source, Instant now) {
    String when = optedOut ? "opted_out_at" : "opt_in_at";
    // An opt-out is kept for five years whatever the thread does; an opt-in like thread content.
    Duration keep = optedOut ? OPT_OUT_RETENTION : items.retention();
    table.updateIgnoringCondition(
        UpdateItemRequest.builder()
            .key(table.key(Keys.customer(customer), Keys.OPTOUT))
            .updateExpression(
                "SET entity = :entity, schema_version = :v, customer_ref = :ref,"
                    + " opted_out = :out, changed_at = :t, "
                    + when
                    + " = :t, #source = :source, expires_at = :exp")
            .conditionExpression("attribute_not_exists(changed_at) OR changed_at < :t")
            .expressionAttributeNames(Map.of("#source", "source"))
            .expressionAttributeValues(
                values(
                    ":entity", "optout",
                    ":v", SCHEMA_VERSION,
                    ":ref", items.customerRef(customer),
                    ":out", optedOut,
                    ":t", atMillis,
                    ":source", source,
                    ":exp",
                        Instant.ofEpochMilli(Math.max(atMillis, now.toEpochMilli()))
                            .plus(keep)
                            .getEpochSecond())));
  }

  @Override
  public void recordCallPermission(CustomerKey customer, CallPermission permission, Instant now) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("entity", "call_permission");
    attributes.put("schema_version", SCHEMA_VERSION);
    attributes.put("customer_ref", items.customerRef(customer));
    attributes.putAll(permission.attributes());
    long keepFrom =
        Math.max(
            Math.max(permission.answeredAt(), now.toEpochMilli()),
            permission.expiresAt().orElse(0L));
    attributes.put(Keys.EXPIRES_AT, items.expiresAt(keepFrom));
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    attributes.forEach(
        (name, value) -> {
          String alias = "#a" + names.size();
          names.put(alias, name);
          values.put(":" + alias.substring(1), AttributeValues.of(value));
          sets.add(alias + " = :" + alias.substring(1));
        });
    // A newer answer without an end (permanent) or a source drops the older one's.
    List<String> removes = new ArrayList<>();
    for (String optional : List.of(CallPermission.EXPIRES_ATTRIBUTE, "response_source")) {
      if (!attributes.containsKey(optional)) {
        String alias = "#r" + removes.size();
        names.put(alias, optional);
        removes.add(alias);
      }
    }
    names.put("#t", "answered_at");
    names.put("#w", "wamid");
    values.put(":t", AttributeValue.fromN(Long.toString(permission.answeredAt())));
    values.put(":w", AttributeValue.fromS(permission.wamid()));
    table.updateIgnoringCondition(
        UpdateItemRequest.builder()
            .key(
                table.key(
                    Keys.customer(customer), Keys.callPermission(permission.businessNumberId())))
            .updateExpression(
                "SET "
                    + String.join(", ", sets)
                    + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
            // P2 on the answer's time; the same second is settled by the wamid.
            .conditionExpression("attribute_not_exists(#t) OR #t < :t OR (#t = :t AND #w < :w)")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values));
  }

  @Override
  public Optional<OptOutChange> optOutChange(CustomerKey customer, Instant now) {
    return optOutChange(table, customer, now);
  }

  /** The {@code OPTOUT} item, read consistently; also the sender's check before a template. */
  static Optional<OptOutChange> optOutChange(TableClient table, CustomerKey customer, Instant now) {
    return table
        .getConsistent(Keys.customer(customer), Keys.OPTOUT)
        .filter(item -> !TimelineItems.expired(item, now))
        .filter(item -> item.containsKey("changed_at") && item.containsKey("opted_out"))
        .map(
            item ->
                new OptOutChange(
                    Boolean.TRUE.equals(item.get("opted_out").bool()),
                    Long.parseLong(item.get("changed_at").n()),
                    item.containsKey("source") ? item.get("source").s() : "keyword"));
  }

  @Override
  public ThreadState threadState(CustomerNumber customer, String businessNumberId, Instant now) {
    CustomerState state = CustomerState.readFor(table, customer, businessNumberId, now);
    Map<String, Long> windows = new LinkedHashMap<>();
    state.windows().forEach(window -> windows.put(window.businessNumberId(), window.closesAt()));
    return new ThreadState(windows, state.optedOut());
  }
}
