package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.outbound.QueuedMessage;
import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.port.out.CustomerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link SenderStore} on the one table: claims, leases and outcomes on the outbound MSG item. */
public final class DynamoDbSenderStore implements SenderStore {

  private final TableClient table;

  public DynamoDbSenderStore(DynamoDbClient client, String tableName) {
    this.table = new TableClient(client, tableName);
  }

  @Override
  public Optional<QueuedMessage> load(String messageId, Instant now) {
    Optional<Map<String, AttributeValue>> lookup =
        table.getConsistent(Keys.messageId(messageId), "MSG");
    if (lookup.isEmpty()) {
      return Optional.empty();
    }
    String pk = lookup.get().get("customer").s();
    String sk = lookup.get().get("target_sk").s();
    return table
        .getConsistent(pk, sk)
        .map(
            item ->
                new QueuedMessage(
                    messageId,
                    new MessageRef(new CustomerNumber(pk.substring("CUST#".length())), sk),
                    item.get("business_number_id").s(),
                    payload(item.get("payload").s()),
                    item.get("status").s(),
                    Integer.parseInt(item.get("status_rank").n()),
                    Optional.ofNullable(item.get("wamid")).map(AttributeValue::s),
                    number(item, "unknown_at"),
                    number(item, "lease_until"),
                    (int) number(item, "attempts")));
  }

  @Override
  public boolean claim(MessageRef ref, Instant now, long leaseMillis) {
    return table
        .updateOrOld(
            update(ref)
                .updateExpression(
                    "SET #status = :sending, status_rank = if_not_exists(status_rank, :one),"
                        + " lease_until = :lease,"
                        + " status_at_sending = if_not_exists(status_at_sending, :now)"
                        + " ADD attempts :one")
                .conditionExpression(
                    "attribute_exists(pk) AND attribute_not_exists(wamid) AND status_rank <= :one"
                        + " AND (attribute_not_exists(lease_until) OR lease_until < :now)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(
                    values(
                        ":sending",
                        "sending",
                        ":one",
                        1,
                        ":lease",
                        now.toEpochMilli() + leaseMillis,
                        ":now",
                        now.toEpochMilli())))
        .isEmpty();
  }

  @Override
  public void release(MessageRef ref) {
    table.updateIgnoringCondition(
        update(ref)
            .updateExpression("SET lease_until = :zero")
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeValues(values(":zero", 0)));
  }

  @Override
  public void recordAccepted(MessageRef ref, String wamid, Instant now) {
    Map<String, AttributeValue> values =
        values(":w", wamid, ":now", now.toEpochMilli(), ":zero", 0);
    values.put(":lookup", AttributeValue.fromSs(List.of(Keys.wamid(wamid))));
    table.updateIgnoringCondition(
        update(ref)
            .updateExpression(
                "SET wamid = if_not_exists(wamid, :w), accepted_at = if_not_exists(accepted_at, :now),"
                    + " lease_until = :zero ADD lookups :lookup")
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeValues(values));
  }

  @Override
  public void recordFailed(MessageRef ref, int code, String title, Instant now) {
    fail(
        ref,
        Map.of("code", code, "title", title, "source", "graph_api"),
        "attribute_exists(pk) AND status_rank < :three",
        now);
  }

  @Override
  public boolean optedOut(CustomerNumber customer, Instant now) {
    return DynamoDbCustomerStore.optOutChange(table, CustomerKey.of(customer), now)
        .map(CustomerStore.OptOutChange::optedOut)
        .orElse(false);
  }

  @Override
  public void recordNotSent(MessageRef ref, String reason, String title, Instant now) {
    // Never over Meta's acceptance: a message with a wamid may have been delivered.
    fail(
        ref,
        Map.of("reason", reason, "title", title, "source", "frontdoor"),
        "attribute_exists(pk) AND status_rank < :three AND attribute_not_exists(wamid)",
        now);
  }

  /** {@code failed} for good with its first error, under {@code condition}. */
  private void fail(MessageRef ref, Map<String, Object> error, String condition, Instant now) {
    table.updateIgnoringCondition(
        update(ref)
            .updateExpression(
                "SET #status = :failed, status_rank = :three,"
                    + " status_at_failed = if_not_exists(status_at_failed, :now),"
                    + " #error = if_not_exists(#error, :error), lease_until = :zero")
            .conditionExpression(condition)
            .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
            .expressionAttributeValues(
                values(
                    ":failed",
                    "failed",
                    ":three",
                    3,
                    ":now",
                    now.toEpochMilli(),
                    ":zero",
                    0,
                    ":error",
                    error)));
  }

  @Override
  public void recordUnknown(MessageRef ref, Instant now) {
    table.updateIgnoringCondition(
        update(ref)
            .updateExpression("SET #status = :unknown, unknown_at = :now, lease_until = :zero")
            .conditionExpression(
                "attribute_exists(pk) AND status_rank <= :one AND attribute_not_exists(wamid)")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(
                values(":unknown", "unknown", ":now", now.toEpochMilli(), ":zero", 0, ":one", 1)));
  }

  @Override
  public void recordDeadLettered(MessageRef ref, String reason, Instant now) {
    table.updateIgnoringCondition(
        update(ref)
            .updateExpression(
                "SET #status = :dead, dead_letter_reason = :reason, status_at_dead_lettered = :now")
            .conditionExpression(
                "attribute_exists(pk) AND status_rank <= :one AND attribute_not_exists(wamid)")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(
                values(
                    ":dead",
                    "dead_lettered",
                    ":reason",
                    reason,
                    ":now",
                    now.toEpochMilli(),
                    ":one",
                    1)));
  }

  @Override
  public OptionalLong startPace(
      MessageRef ref, String businessNumberId, long nowMillis, long nextTat) {
    return table
        .updateOrOld(
            pace(ref, businessNumberId)
                .conditionExpression("attribute_not_exists(pace_tat) OR pace_tat <= :now")
                .expressionAttributeValues(paceValues(nextTat, nowMillis, ":now", nowMillis))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
        .map(old -> OptionalLong.of(Long.parseLong(old.get("pace_tat").n())))
        .orElse(OptionalLong.empty());
  }

  @Override
  public boolean advancePace(MessageRef ref, String businessNumberId, long oldTat, long newTat) {
    return table
        .updateOrOld(
            pace(ref, businessNumberId)
                .conditionExpression("pace_tat = :old")
                .expressionAttributeValues(paceValues(newTat, oldTat, ":old", oldTat)))
        .isEmpty();
  }

  /** The pace has its own item per customer and number, kept a day after its latest send. */
  private UpdateItemRequest.Builder pace(MessageRef ref, String businessNumberId) {
    return UpdateItemRequest.builder()
        .key(table.key(Keys.customer(ref.customer()), Keys.pace(businessNumberId)))
        .updateExpression(
            "SET pace_tat = :tat, entity = :pacing, schema_version = :v, expires_at = :exp");
  }

  private static Map<String, AttributeValue> paceValues(
      long tat, long atMillis, String conditionName, long conditionValue) {
    return values(
        ":tat",
        tat,
        ":pacing",
        "pacing",
        ":v",
        1,
        ":exp",
        atMillis / 1000 + 86_400,
        conditionName,
        conditionValue);
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
  }

  private UpdateItemRequest.Builder update(MessageRef ref) {
    return UpdateItemRequest.builder().key(table.key(Keys.customer(ref.customer()), ref.sortKey()));
  }

  private static Map<String, Object> payload(String json) {
    try {
      JsonNode root = JsonTrees.read(json);
      if (!root.isObject()) {
        throw new IOException("the stored payload is not a JSON object");
      }
      return JsonTrees.plainObject(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
