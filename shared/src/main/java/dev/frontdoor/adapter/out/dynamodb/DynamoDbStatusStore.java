package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.of;
import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.putBusiness;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.StatusRanks;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.port.out.StatusStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link StatusStore}: the status convergence on the {@code MSG} item (one conditional update per
 * status, which also keeps its first-seen time, pricing and error), {@code STATUS#} timeline items
 * for statuses that belong to no message (payments), and {@code WAMID#<wamid> / PENDING#} items
 * (docs/data-model.md, 5.6, 5.7, 6.1 and 9.3).
 */
public final class DynamoDbStatusStore implements StatusStore {
  private static final Duration PENDING_RETENTION = Duration.ofDays(30);

  private final TableClient table;
  private final TimelineItems items;

  public DynamoDbStatusStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.items = new TimelineItems(refs, retention);
  }

  @Override
  public boolean putStatus(StatusUpdate status, Optional<MessageRef> target, Instant now) {
    // A status whose message is unknown (a payment, a status type Frontdoor does not rank) goes to
    // the recipient's thread as the webhook names it: their number, else their BSUID's thread.
    CustomerKey customer =
        target.map(ref -> CustomerKey.of(ref.customer())).orElseGet(status::recipientKey);
    String sk = Keys.timeline(status.atMillis(), "STATUS", status.wamid() + "#" + status.status());
    Map<String, Object> item = items.timelineItem(customer, sk, "status", status.atMillis(), now);
    target.ifPresent(ref -> item.put("message_sk", ref.sortKey()));
    item.put("wamid", status.wamid());
    item.put("status", status.status());
    // The BSUID the status names, so erasure finds a BSUID# lookup learnt from statuses (6.2).
    if (status.recipientUserId() != null) {
      item.put("user_id", status.recipientUserId().value());
    }
    putBusiness(item, status.business());
    putStatusDetails(item, status);
    return table.putIfAbsent(item);
  }

  @Override
  public StatusApplied applyStatus(MessageRef target, StatusUpdate status) {
    int rank =
        StatusRanks.of(status.status())
            .orElseThrow(() -> new IllegalArgumentException("not a message status"));
    String at = "status_at_" + status.status();
    Map<String, AttributeValue> values =
        values(":s", status.status(), ":r", rank, ":ts", status.atMillis(), ":w", status.wamid());
    // Names go through placeholders: several (error, status) are DynamoDB reserved words.
    List<String> firstSeen = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    names.put("#at", at);
    names.put("#wamid", "wamid");
    firstSeen.add("#at = if_not_exists(#at, :ts)");
    firstSeen.add("#wamid = if_not_exists(#wamid, :w)");
    addIfNotExists(firstSeen, names, values, "pricing", status.pricing());
    addIfNotExists(firstSeen, names, values, "conversation", status.conversation());
    if (status.status().equals("failed") && !status.errors().isEmpty()) {
      addIfNotExists(firstSeen, names, values, "error", status.errors().get(0));
    }
    // The BSUID the status names, so erasure finds a BSUID# lookup learnt from statuses (6.2).
    if (status.recipientUserId() != null) {
      names.put("#uid", "user_id");
      firstSeen.add("#uid = if_not_exists(#uid, :uid)");
      values.put(":uid", of(status.recipientUserId().value()));
    }
    Map<String, String> advanceNames = new LinkedHashMap<>(names);
    advanceNames.put("#status", "status");
    Map<String, AttributeValue> key = table.key(Keys.customer(target.customer()), target.sortKey());
    Map<String, AttributeValue> old;
    try {
      UpdateItemResponse response =
          table.update(
              UpdateItemRequest.builder()
                  .key(key)
                  .updateExpression(
                      "SET #status = :s, status_rank = :r, " + String.join(", ", firstSeen))
                  .conditionExpression(
                      "attribute_exists(pk) AND (attribute_not_exists(status_rank) OR status_rank < :r)")
                  .expressionAttributeNames(advanceNames)
                  .expressionAttributeValues(values)
                  .returnValues(ReturnValue.ALL_OLD)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      old = response.attributes();
      return new StatusApplied(true, true, !old.containsKey("wamid"), !old.containsKey(at));
    } catch (ConditionalCheckFailedException notAnAdvance) {
      // Not an advance, or the message is gone. DynamoDB returns the item that failed the
      // condition: a duplicate that adds nothing needs no second write (P3).
      if (notAnAdvance.hasItem() && !notAnAdvance.item().isEmpty()) {
        old = notAnAdvance.item();
        if (!addsToMessage(old, names)) {
          return new StatusApplied(true, false, false, false);
        }
      }
    }
    // Record what this status adds without moving the status.
    values.remove(":s");
    values.remove(":r");
    try {
      UpdateItemResponse response =
          table.update(
              UpdateItemRequest.builder()
                  .key(key)
                  .updateExpression("SET " + String.join(", ", firstSeen))
                  .conditionExpression("attribute_exists(pk)")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .returnValues(ReturnValue.ALL_OLD));
      old = response.attributes();
      return new StatusApplied(true, false, !old.containsKey("wamid"), !old.containsKey(at));
    } catch (ConditionalCheckFailedException gone) {
      return new StatusApplied(false, false, false, false);
    }
  }

  /** Whether the message lacks one of the write-once attributes this status would set. */
  private static boolean addsToMessage(Map<String, AttributeValue> old, Map<String, String> names) {
    return names.values().stream().anyMatch(name -> !old.containsKey(name));
  }

  @Override
  public boolean putPendingStatus(StatusUpdate status, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.wamid(status.wamid()));
    item.put(SK, Keys.pending(status.status(), status.atMillis()));
    item.put("entity", "pending_status");
    item.put("schema_version", SCHEMA_VERSION);
    item.put("status", status.status());
    item.put("at", status.atMillis());
    item.put("customer_ref", items.customerRef(status.recipientKey()));
    putBusiness(item, status.business());
    putStatusDetails(item, status);
    status.callbackData().ifPresent(data -> item.put("biz_opaque_callback_data", data));
    item.put("received_at", now.toEpochMilli());
    item.put(EXPIRES_AT, now.plus(PENDING_RETENTION).getEpochSecond());
    return table.putIfAbsent(item);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<StatusUpdate> pendingStatuses(String wamid) {
    List<StatusUpdate> pending = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.query(
            QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(values(":pk", Keys.wamid(wamid), ":prefix", "PENDING#"))
                .consistentRead(true))) {
      Map<String, Object> values = AttributeValues.toJava(item);
      pending.add(
          new StatusUpdate(
              wamid,
              (String) values.get("status"),
              null,
              new BusinessNumber(
                  (String) values.getOrDefault("business_number_id", ""),
                  (String) values.getOrDefault("display_phone_number", ""),
                  (String) values.getOrDefault("waba_id", "")),
              ((Number) values.get("at")).longValue(),
              Optional.ofNullable((String) values.get("biz_opaque_callback_data")),
              (Map<String, Object>) values.getOrDefault("pricing", Map.of()),
              (Map<String, Object>) values.getOrDefault("conversation", Map.of()),
              (List<Map<String, Object>>) values.getOrDefault("errors", List.of()),
              () -> DynamoDbPayloads.json(values)));
    }
    // The sort key orders by status name first; the port promises time order.
    pending.sort(Comparator.comparingLong(StatusUpdate::atMillis));
    return pending;
  }

  @Override
  public void deletePendingStatus(StatusUpdate status) {
    table.delete(Keys.wamid(status.wamid()), Keys.pending(status.status(), status.atMillis()));
  }

  private static void putStatusDetails(Map<String, Object> item, StatusUpdate status) {
    if (!status.pricing().isEmpty()) {
      item.put("pricing", status.pricing());
    }
    if (!status.conversation().isEmpty()) {
      item.put("conversation", status.conversation());
    }
    if (!status.errors().isEmpty()) {
      item.put("errors", status.errors());
    }
  }

  private static void addIfNotExists(
      List<String> sets,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String name,
      Map<String, Object> value) {
    if (!value.isEmpty()) {
      names.put("#" + name, name);
      sets.add("#" + name + " = if_not_exists(#" + name + ", :" + name + ")");
      values.put(":" + name, of(value));
    }
  }
}
