package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.DynamoDbInboundStore.values;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;

import com.github.f4b6a3.ulid.Ulid;
import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.outbound.IdempotencyClaim;
import dev.frontdoor.domain.outbound.SendOutcome;
import dev.frontdoor.domain.outbound.SendRequest;
import dev.frontdoor.domain.outbound.ThreadState;
import dev.frontdoor.domain.thread.CustomerRefs;
import dev.frontdoor.port.out.OutboundStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link OutboundStore} on the one table (docs/data-model.md, 5.6, 6, 7, 9.4). */
public final class DynamoDbOutboundStore implements OutboundStore {
  private static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
  private static final Set<String> PUBLIC_FIELDS =
      Set.of(
          "message_id",
          "status",
          "wamid",
          "error",
          "dead_letter_reason",
          "pricing",
          "type",
          "business_number_id",
          "at");

  private final TableClient table;
  private final CustomerRefs refs;
  private final Duration retention;

  public DynamoDbOutboundStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.refs = refs;
    this.retention = retention;
  }

  @Override
  public IdempotencyClaim claimIdempotencyKey(
      String apiClient, String key, String requestHash, String messageId, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, idempotencyPk(apiClient, key));
    item.put(SK, "IDEMP");
    item.put("entity", "idempotency");
    item.put("schema_version", 1);
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
        existing.containsKey("status_code")
            ? Optional.of(
                new SendOutcome(
                    Integer.parseInt(existing.get("status_code").n()),
                    existing.get("code").s(),
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
            ":status", answer.status(),
            ":code", answer.code(),
            ":answer", answer.message());
    // Every name through a placeholder: DynamoDB reserves many plain words.
    String set = "SET #state = :completed, #status = :status, #code = :code, #answer = :answer";
    Map<String, String> names = new LinkedHashMap<>();
    names.put("#state", "state");
    names.put("#status", "status_code");
    names.put("#code", "code");
    names.put("#answer", "answer");
    if (answer.messageId() != null) {
      set += ", #id = :id";
      names.put("#id", "answer_message_id");
      values.put(":id", AttributeValue.fromS(answer.messageId()));
    }
    table.updateIgnoringCondition(
        software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
            .key(table.key(idempotencyPk(apiClient, key), "IDEMP"))
            .updateExpression(set)
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values));
  }

  @Override
  public ThreadState threadState(CustomerNumber customer, String businessNumberId, Instant now) {
    CustomerState state = CustomerState.readFor(table, customer, businessNumberId, now);
    Map<String, Long> windows = new LinkedHashMap<>();
    state.windows().forEach(window -> windows.put(window.businessNumberId(), window.closesAt()));
    return new ThreadState(windows, state.optedOut());
  }

  @Override
  public void putQueuedMessage(
      String messageId,
      SendRequest request,
      String apiClient,
      Optional<String> idempotencyKey,
      Instant createdAt) {
    long at = Ulid.from(messageId).getTime();
    String sk = Keys.timeline(at, "MSG", messageId);
    long expires = Instant.ofEpochMilli(at).plus(retention).getEpochSecond();
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.customer(request.customer()));
    item.put(SK, sk);
    item.put("entity", "message");
    item.put("schema_version", 1);
    item.put("customer_ref", refs.of(request.customer()));
    item.put("at", at);
    item.put("direction", "out");
    item.put("message_id", messageId);
    item.put("business_number_id", request.businessNumberId());
    item.put("type", request.type());
    item.put("payload", DynamoDbPayloads.json(request.message()));
    if (request.preview() != null) {
      item.put("body", request.preview());
    }
    item.put("status", "queued");
    item.put("status_rank", 0);
    item.put("status_at_queued", at);
    item.put("api_client", apiClient);
    idempotencyKey.ifPresent(key -> item.put("idempotency_key", key));
    List<String> lookups = new ArrayList<>(List.of(Keys.messageId(messageId)));
    idempotencyKey.ifPresent(key -> lookups.add(idempotencyPk(apiClient, key)));
    item.put("lookups", AttributeValue.fromSs(lookups));
    item.put(EXPIRES_AT, expires);
    table.putIfAbsent(item);

    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put(PK, Keys.messageId(messageId));
    lookup.put(SK, "MSG");
    lookup.put("entity", "lookup");
    lookup.put("schema_version", 1);
    lookup.put("customer", Keys.customer(request.customer()));
    lookup.put("target_sk", sk);
    lookup.put(EXPIRES_AT, expires);
    table.put(lookup);
  }

  @Override
  public Optional<Map<String, Object>> messageView(String messageId, Instant now) {
    Optional<Map<String, AttributeValue>> lookup =
        table.getConsistent(Keys.messageId(messageId), "MSG");
    if (lookup.isEmpty()) {
      return Optional.empty();
    }
    String pk = lookup.get().get("customer").s();
    return table
        .getConsistent(pk, lookup.get().get("target_sk").s())
        .filter(item -> Long.parseLong(item.get(EXPIRES_AT).n()) > now.getEpochSecond())
        .map(
            item -> {
              Map<String, Object> view = new LinkedHashMap<>();
              Map<String, Object> all = AttributeValues.toJava(item);
              Map<String, Object> history = new LinkedHashMap<>();
              all.forEach(
                  (name, value) -> {
                    if (PUBLIC_FIELDS.contains(name)) {
                      view.put(name, value);
                    } else if (name.startsWith("status_at_")) {
                      history.put(name.substring("status_at_".length()), value);
                    }
                  });
              view.put("status_history", history);
              return view;
            });
  }

  private static String idempotencyPk(String apiClient, String key) {
    return "IDEMP#" + apiClient + "#" + key;
  }
}
