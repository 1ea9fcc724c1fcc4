package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.of;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.thread.CustomerRefs;
import dev.frontdoor.domain.thread.MessageRef;
import dev.frontdoor.domain.thread.StatusRanks;
import dev.frontdoor.domain.whatsapp.BusinessNumber;
import dev.frontdoor.domain.whatsapp.InboundMessage;
import dev.frontdoor.domain.whatsapp.RawEvent;
import dev.frontdoor.domain.whatsapp.StatusUpdate;
import dev.frontdoor.domain.whatsapp.WhatsAppCallEvent;
import dev.frontdoor.port.out.InboundStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** {@link InboundStore} on the one DynamoDB table, following docs/data-model.md section 9. */
public final class DynamoDbInboundStore implements InboundStore {
  private static final int SCHEMA_VERSION = 1;
  private static final Duration PENDING_RETENTION = Duration.ofDays(30);
  private static final Duration RAW_RETENTION = Duration.ofDays(30);
  private static final Duration OPT_OUT_RETENTION = Duration.ofDays(5 * 365);
  private static final int MAX_RAW_CHARS = 16_384;

  private final TableClient table;
  private final CustomerRefs refs;
  private final Duration retention;

  public DynamoDbInboundStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.refs = refs;
    this.retention = retention;
  }

  @Override
  public Put putInboundMessage(InboundMessage message, Instant now) {
    String sk = Keys.timeline(message.atMillis(), "MSG", message.wamid());
    Map<String, Object> item =
        timelineItem(message.customer(), sk, "message", message.atMillis(), now);
    item.put("direction", "in");
    item.put("wamid", message.wamid());
    putBusiness(item, message.business());
    item.put("type", message.type());
    if (!message.type().equals(message.metaType())) {
      item.put("meta_type", message.metaType());
    }
    putIfPresent(item, "profile_name", message.profileName());
    putIfPresent(item, "body", message.body());
    if (message.bodyTruncated()) {
      item.put("body_truncated", true);
    }
    item.putAll(message.details());
    putIfPresent(item, "raw", message.raw());
    if (message.rawTruncated()) {
      item.put("raw_truncated", true);
    }
    return new Put(new MessageRef(message.customer(), sk), table.putIfAbsent(item));
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
    item.put(EXPIRES_AT, expiresAt(timeOf(target.sortKey())));
    table.put(item);
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
            refs.of(customer),
            ":t",
            atMillis,
            ":exp",
            expiresAt(Math.max(atMillis, now.toEpochMilli())));
    values.put(":pnid", AttributeValue.fromSs(List.of(business.phoneNumberId())));
    String set =
        "SET entity = :entity, schema_version = :v, customer_ref = :ref,"
            + " created_at = if_not_exists(created_at, :t), last_activity_at = :t, expires_at = :exp";
    if (profileName != null) {
      set += ", profile_name = :name";
      values.put(":name", AttributeValue.fromS(profileName));
    }
    Key key = new Key(Keys.customer(customer), Keys.THREAD);
    Optional<Map<String, AttributeValue>> older =
        table.updateOrOld(
            UpdateItemRequest.builder()
                .key(table.key(key.pk(), key.sk()))
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
              .key(table.key(key.pk(), key.sk()))
              .updateExpression("ADD business_numbers :pnid")
              .conditionExpression("attribute_exists(pk)")
              .expressionAttributeValues(
                  Map.of(":pnid", AttributeValue.fromSs(List.of(business.phoneNumberId())))));
    }
  }

  @Override
  public void recordOptOut(
      CustomerNumber customer, boolean optedOut, long atMillis, String source, Instant now) {
    String when = optedOut ? "opted_out_at" : "opt_in_at";
    // An opt-out is kept for five years whatever the thread does; an opt-in like thread content.
    Duration keep = optedOut ? OPT_OUT_RETENTION : retention;
    table.updateIgnoringCondition(
        UpdateItemRequest.builder()
            .key(table.key(Keys.customer(customer), "OPTOUT"))
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
                    ":ref", refs.of(customer),
                    ":out", optedOut,
                    ":t", atMillis,
                    ":source", source,
                    ":exp",
                        Instant.ofEpochMilli(Math.max(atMillis, now.toEpochMilli()))
                            .plus(keep)
                            .getEpochSecond())));
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

  private static MessageRef refOf(Map<String, AttributeValue> lookup) {
    return new MessageRef(
        new CustomerNumber(lookup.get("customer").s().substring("CUST#".length())),
        lookup.get("target_sk").s());
  }

  private Optional<MessageRef> findLookup(String pk, String sk, Instant now) {
    return table
        .getConsistent(pk, sk)
        .filter(item -> !expired(item, now))
        .map(DynamoDbInboundStore::refOf);
  }

  @Override
  public boolean putStatus(StatusUpdate status, Optional<MessageRef> target, Instant now) {
    CustomerNumber customer = target.map(MessageRef::customer).orElse(status.recipient());
    String sk = Keys.timeline(status.atMillis(), "STATUS", status.wamid() + "#" + status.status());
    Map<String, Object> item = timelineItem(customer, sk, "status", status.atMillis(), now);
    target.ifPresent(ref -> item.put("message_sk", ref.sortKey()));
    item.put("wamid", status.wamid());
    item.put("status", status.status());
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
    Map<String, String> advanceNames = new LinkedHashMap<>(names);
    advanceNames.put("#status", "status");
    Key key = new Key(Keys.customer(target.customer()), target.sortKey());
    try {
      UpdateItemResponse response =
          table.update(
              UpdateItemRequest.builder()
                  .key(table.key(key.pk(), key.sk()))
                  .updateExpression(
                      "SET #status = :s, status_rank = :r, " + String.join(", ", firstSeen))
                  .conditionExpression(
                      "attribute_exists(pk) AND (attribute_not_exists(status_rank) OR status_rank < :r)")
                  .expressionAttributeNames(advanceNames)
                  .expressionAttributeValues(values)
                  .returnValues(ReturnValue.ALL_OLD));
      return new StatusApplied(true, true, !response.attributes().containsKey("wamid"));
    } catch (ConditionalCheckFailedException notAnAdvance) {
      // Not an advance (or gone): record what this status adds without moving the status.
      values.remove(":s");
      values.remove(":r");
      try {
        UpdateItemResponse response =
            table.update(
                UpdateItemRequest.builder()
                    .key(table.key(key.pk(), key.sk()))
                    .updateExpression("SET " + String.join(", ", firstSeen))
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD));
        return new StatusApplied(true, false, !response.attributes().containsKey("wamid"));
      } catch (ConditionalCheckFailedException gone) {
        return new StatusApplied(false, false, false);
      }
    }
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
    item.put("customer_ref", refs.of(status.recipient()));
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

  @Override
  public boolean putCallEvent(WhatsAppCallEvent event, Instant now) {
    CallClaim claim =
        claimCall("whatsapp", event.callId(), event.customer(), event.atMillis(), now);
    Map<String, Object> call =
        timelineItem(claim.customer(), claim.sk(), "call", timeOf(claim.sk()), now);
    call.put("call_id", claim.callId());
    call.put("provider", "whatsapp");
    call.put("provider_call_id", event.callId());
    call.put("direction", event.direction().toLowerCase(Locale.ROOT));
    putBusiness(call, event.business());
    call.put("lookups", AttributeValue.fromSs(List.of(Keys.call("whatsapp", event.callId()))));
    table.putIfAbsent(call);

    String eventSk =
        Keys.timeline(event.atMillis(), "CALLEV", claim.callId() + "#" + event.eventKey());
    Map<String, Object> item =
        timelineItem(claim.customer(), eventSk, "call_event", event.atMillis(), now);
    item.put("call_id", claim.callId());
    item.put("provider", "whatsapp");
    item.put("event", event.event());
    putIfPresent(item, "status", event.status());
    if (!event.details().isEmpty()) {
      item.put("payload", event.details());
    }
    boolean stored = table.putIfAbsent(item);
    recordMilestones(claim, event);
    return stored;
  }

  private void recordMilestones(CallClaim claim, WhatsAppCallEvent event) {
    Map<String, Object> milestones = new LinkedHashMap<>();
    String status = event.status() == null ? "" : event.status().toLowerCase(Locale.ROOT);
    switch (event.event()) {
      case "connect" -> milestones.put("started_at", event.atMillis());
      case "terminate" -> {
        milestones.put("ended_at", event.atMillis());
        milestones.put("outcome", status.isEmpty() ? "ended" : status);
        Object duration = event.details().get("duration");
        if (duration != null && duration.toString().matches("\\d{1,9}")) {
          milestones.put("duration_s", Long.parseLong(duration.toString()));
        }
      }
      case "status" -> {
        if (status.equals("accepted")) {
          milestones.put("answered_at", event.atMillis());
        } else if (status.equals("ringing")) {
          milestones.put("started_at", event.atMillis());
        } else if (status.equals("rejected")) {
          milestones.put("outcome", "rejected");
        }
      }
      default -> {
        // other events are kept as call events only
      }
    }
    if (milestones.isEmpty()) {
      return;
    }
    List<String> sets = new ArrayList<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Object> milestone : milestones.entrySet()) {
      names.put("#m" + i, milestone.getKey());
      values.put(":m" + i, of(milestone.getValue()));
      sets.add("#m" + i + " = if_not_exists(#m" + i + ", :m" + i + ")");
      i++;
    }
    table.updateIgnoringCondition(
        UpdateItemRequest.builder()
            .key(table.key(Keys.customer(claim.customer()), claim.sk()))
            .updateExpression("SET " + String.join(", ", sets))
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values));
  }

  /** The call's identity: the first event of a call claims its lookup; later ones read it. */
  private CallClaim claimCall(
      String provider, String providerCallId, CustomerNumber customer, long atMillis, Instant now) {
    String callId = UlidCreator.getUlid(Math.max(0, atMillis)).toString();
    String sk = Keys.timeline(atMillis, "CALL", callId);
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put(PK, Keys.call(provider, providerCallId));
    lookup.put(SK, "CALL");
    lookup.put("entity", "lookup");
    lookup.put("schema_version", SCHEMA_VERSION);
    lookup.put("customer", Keys.customer(customer));
    lookup.put("call_id", callId);
    lookup.put("target_sk", sk);
    lookup.put(EXPIRES_AT, expiresAt(now));
    Optional<Map<String, AttributeValue>> existing = table.putIfAbsentOrOld(lookup);
    if (existing.isEmpty()) {
      return new CallClaim(callId, customer, sk);
    }
    Map<String, AttributeValue> old = existing.get();
    return new CallClaim(
        old.get("call_id").s(),
        new CustomerNumber(old.get("customer").s().substring("CUST#".length())),
        old.get("target_sk").s());
  }

  @Override
  public boolean putRawEvent(RawEvent event, Instant now) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, "RAW#" + event.kind());
    item.put(SK, sha256(event.json()));
    item.put("entity", "raw_event");
    item.put("schema_version", SCHEMA_VERSION);
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

  /**
   * A timeline item: ordered by the provider's time ({@code at}, in the sk), kept for the retention
   * from when Frontdoor received it. Counting from the provider's time would expire an old-stamped
   * delivery (Meta's retries, a skewed clock) on arrival, after answering it "stored".
   */
  private Map<String, Object> timelineItem(
      CustomerNumber customer, String sk, String entity, long atMillis, Instant received) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.customer(customer));
    item.put(SK, sk);
    item.put("entity", entity);
    item.put("schema_version", SCHEMA_VERSION);
    item.put("customer_ref", refs.of(customer));
    item.put("at", atMillis);
    item.put("received_at", received.toEpochMilli());
    item.put(EXPIRES_AT, expiresAt(received));
    return item;
  }

  private static void putBusiness(Map<String, Object> item, BusinessNumber business) {
    putIfPresent(item, "business_number_id", business.phoneNumberId());
    putIfPresent(item, "display_phone_number", business.displayPhoneNumber());
    putIfPresent(item, "waba_id", business.wabaId());
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

  private static void putIfPresent(Map<String, Object> item, String name, String value) {
    if (value != null && !value.isEmpty()) {
      item.put(name, value);
    }
  }

  private long expiresAt(Instant received) {
    return received.plus(retention).getEpochSecond();
  }

  /** For a lookup of an outbound message, whose sk time is when it was created. */
  private long expiresAt(long createdMillis) {
    return Instant.ofEpochMilli(createdMillis).plus(retention).getEpochSecond();
  }

  private static boolean expired(Map<String, AttributeValue> item, Instant now) {
    AttributeValue expires = item.get(EXPIRES_AT);
    return expires != null && Long.parseLong(expires.n()) <= now.getEpochSecond();
  }

  /** The time in a timeline sort key ({@code EV#<13 digits>#...}). */
  static long timeOf(String sk) {
    return Long.parseLong(sk.substring(3, 16));
  }

  static Map<String, AttributeValue> values(Object... pairs) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], of(pairs[i + 1]));
    }
    return values;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Key(String pk, String sk) {}

  private record CallClaim(String callId, CustomerNumber customer, String sk) {}
}
