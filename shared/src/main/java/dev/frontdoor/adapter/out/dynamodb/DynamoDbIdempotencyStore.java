package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;

import dev.frontdoor.outbound.send.IdempotencyClaim;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.port.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link IdempotencyStore}: {@code IDEMP#<client>#<key>} records (docs/data-model.md, 7). */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
  private static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

  private final TableClient table;

  public DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
    this.table = new TableClient(client, tableName);
  }

  @Override
  public IdempotencyClaim claimIdempotencyKey(
      String apiClient, String key, String requestHash, String messageId, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.idempotency(apiClient, key));
    item.put(SK, "IDEMP");
    item.put("entity", "idempotency");
    item.put("schema_version", TimelineItems.SCHEMA_VERSION);
    item.put("state", "in_progress");
    item.put("request_hash", requestHash);
    item.put("message_id", messageId);
    item.put("created_at", now.toEpochMilli());
    item.put(EXPIRES_AT, now.plus(IDEMPOTENCY_TTL).getEpochSecond());
    // One conditional write takes a new key or an expired one (TTL may not have removed it yet):
    // of concurrent takers of an expired key exactly one succeeds, the others see its record.
    Optional<Map<String, AttributeValue>> old =
        table.putIfOrOld(
            item,
            "attribute_not_exists(pk) OR expires_at <= :now",
            values(":now", now.getEpochSecond()));
    if (old.isEmpty()) {
      return new IdempotencyClaim(true, requestHash, messageId, Optional.empty());
    }
    // The condition saw this record live at :now, so it is the answer (no second look at expiry:
    // a reader that judged expiry again could disagree with the write and take the key twice).
    Map<String, AttributeValue> existing = old.get();
    Optional<SendOutcome> answer =
        existing.containsKey("code")
            ? Optional.of(
                new SendOutcome(
                    SendOutcome.Reason.ofCode(existing.get("code").s()),
                    existing.get("answer").s(),
                    existing.containsKey("answer_message_id")
                        ? existing.get("answer_message_id").s()
                        : null))
            : Optional.empty();
    return new IdempotencyClaim(
        false, existing.get("request_hash").s(), existing.get("message_id").s(), answer);
  }

  @Override
  public void completeIdempotencyKey(String apiClient, String key, SendOutcome answer) {
    Map<String, AttributeValue> values =
        values(
            ":completed", "completed",
            ":code", answer.code(),
            ":answer", answer.message());
    // Every name through a placeholder: DynamoDB reserves many plain words.
    String set = "SET #state = :completed, #code = :code, #answer = :answer";
    Map<String, String> names = new LinkedHashMap<>();
    names.put("#state", "state");
    names.put("#code", "code");
    names.put("#answer", "answer");
    if (answer.messageId() != null) {
      set += ", #id = :id";
      names.put("#id", "answer_message_id");
      values.put(":id", AttributeValue.fromS(answer.messageId()));
    }
    table.updateIgnoringCondition(
        UpdateItemRequest.builder()
            .key(table.key(Keys.idempotency(apiClient, key), "IDEMP"))
            .updateExpression(set)
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values));
  }
}
