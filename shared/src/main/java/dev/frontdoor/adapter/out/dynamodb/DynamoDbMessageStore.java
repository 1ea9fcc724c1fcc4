package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.expired;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.putBusiness;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.putIfPresent;

import com.github.f4b6a3.ulid.Ulid;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.outbound.send.SendRequest;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.PublicFields;
import dev.frontdoor.threads.port.out.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link MessageStore}: {@code MSG} items of both directions and the {@code WAMID#} / {@code MSG#}
 * lookups (docs/data-model.md, 5.5, 5.6, 6, 9.2 and 9.4).
 */
public final class DynamoDbMessageStore implements MessageStore {
  private final TableClient table;
  private final TimelineItems items;

  public DynamoDbMessageStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.items = new TimelineItems(refs, retention);
  }

  @Override
  public Put putInboundMessage(InboundMessage message, Instant now) {
    String sk = Keys.timeline(message.atMillis(), "MSG", message.wamid());
    Map<String, Object> item =
        items.timelineItem(message.customer(), sk, "message", message.atMillis(), now);
    item.put("direction", "in");
    item.put("wamid", message.wamid());
    putBusiness(item, message.business());
    item.put("type", message.type());
    if (!message.type().equals(message.metaType())) {
      item.put("meta_type", message.metaType());
    }
    putIfPresent(item, "profile_name", message.profileName());
    if (message.userId() != null) {
      item.put("user_id", message.userId().value());
      // Erasure of the thread finds the BSUID lookup from here (section 12); written first (6).
      if (message.customer().number().isPresent()) {
        item.put("lookups", AttributeValue.fromSs(List.of(Keys.userId(message.userId()))));
      }
    }
    putIfPresent(item, "username", message.username());
    putIfPresent(item, "body", message.body());
    if (message.bodyTruncated()) {
      item.put("body_truncated", true);
    }
    item.putAll(message.details());
    putIfPresent(item, "raw", message.raw());
    if (message.rawTruncated()) {
      item.put("raw_truncated", true);
    }
    return new Put(message.customer(), sk, table.putIfAbsent(item));
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
    long expires = items.expiresAt(at);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.customer(request.customer()));
    item.put(SK, sk);
    item.put("entity", "message");
    item.put("schema_version", SCHEMA_VERSION);
    item.put("customer_ref", items.customerRef(request.customer()));
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
    item.put("agent", request.agentOr(apiClient));
    idempotencyKey.ifPresent(key -> item.put("idempotency_key", key));
    request.summaryOfCallId().ifPresent(callId -> item.put("summary_of_call_id", callId));
    List<String> lookups = new ArrayList<>(List.of(Keys.messageId(messageId)));
    idempotencyKey.ifPresent(key -> lookups.add(Keys.idempotency(apiClient, key)));
    item.put("lookups", AttributeValue.fromSs(lookups));
    item.put(EXPIRES_AT, expires);
    table.putIfAbsent(item);

    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put(PK, Keys.messageId(messageId));
    lookup.put(SK, "MSG");
    lookup.put("entity", "lookup");
    lookup.put("schema_version", SCHEMA_VERSION);
    lookup.put("customer", Keys.customer(request.customer()));
    lookup.put("target_sk", sk);
    lookup.put(EXPIRES_AT, expires);
    table.put(lookup);
  }

  @Override
  public void putWamidLookup(String wamid, MessageRef target, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.wamid(wamid));
    item.put(SK, "WAMID");
    item.put("entity", "lookup");
    item.put("schema_version", SCHEMA_VERSION);
    item.put("customer", Keys.customer(target.customer()));
    item.put("target_sk", target.sortKey());
    item.put(EXPIRES_AT, items.expiresAt(Keys.timeOf(target.sortKey())));
    table.put(item);
  }

  @Override
  public Optional<MessageRef> findByWamid(String wamid, Instant now) {
    return findLookup(Keys.wamid(wamid), "WAMID", now);
  }

  @Override
  public Optional<MessageRef> findByMessageId(String messageId, Instant now) {
    return findLookup(Keys.messageId(messageId), "MSG", now);
  }

  @Override
  public MessageRef outboundRef(CustomerNumber customer, String messageId) {
    return new MessageRef(
        customer, Keys.timeline(Ulid.from(messageId).getTime(), "MSG", messageId));
  }

  @Override
  public Lookups findAll(Collection<String> messageIds, Collection<String> wamids, Instant now) {
    Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
    messageIds.forEach(id -> keys.add(table.key(Keys.messageId(id), "MSG")));
    wamids.forEach(wamid -> keys.add(table.key(Keys.wamid(wamid), "WAMID")));
    Map<String, MessageRef> byMessageId = new HashMap<>();
    Map<String, MessageRef> byWamid = new HashMap<>();
    for (Map<String, AttributeValue> item : table.getAllConsistent(new ArrayList<>(keys))) {
      if (expired(item, now)) {
        continue;
      }
      String pk = item.get(PK).s();
      MessageRef ref = refOf(item);
      if (pk.startsWith("MSG#")) {
        byMessageId.put(pk.substring("MSG#".length()), ref);
      } else {
        byWamid.put(pk.substring("WAMID#".length()), ref);
      }
    }
    return new Lookups(byMessageId, byWamid);
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
        .map(item -> PublicFields.messageView(AttributeValues.toJava(item)));
  }

  private Optional<MessageRef> findLookup(String pk, String sk, Instant now) {
    return table
        .getConsistent(pk, sk)
        .filter(item -> !expired(item, now))
        .map(DynamoDbMessageStore::refOf);
  }

  private static MessageRef refOf(Map<String, AttributeValue> lookup) {
    return new MessageRef(
        new CustomerNumber(lookup.get("customer").s().substring("CUST#".length())),
        lookup.get("target_sk").s());
  }
}
