package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.of;
import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.toJava;
import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.putIfPresent;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallPut;
import dev.frontdoor.threads.CallRecord;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.port.out.CallStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CallStore}: the {@code CALL#<provider>#<id>} lookup that claims a call's identity, the
 * {@code CALL} and {@code CALLEV} timeline items, the call's milestones, its wrap-up and its {@code
 * SUM} item (docs/data-model.md, 5.8-5.10, 9.5, 9.6).
 */
public final class DynamoDbCallStore implements CallStore {
  private final TableClient table;
  private final TimelineItems items;

  public DynamoDbCallStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.items = new TimelineItems(refs, retention);
  }

  @Override
  public CallPut putCallEvent(CallEvent event, Instant now) {
    CallClaim claim = claimCall(event, now);
    putCall(claim, event, now);

    String eventSk =
        Keys.timeline(event.atMillis(), "CALLEV", claim.callId() + "#" + event.eventKey());
    Map<String, Object> item =
        items.timelineItem(claim.customer(), eventSk, "call_event", event.atMillis(), now);
    item.put("call_id", claim.callId());
    item.put("provider", event.provider().key());
    item.put("state", event.state().wireName());
    item.put("provider_status", event.providerStatus());
    if (event.sequence() >= 0) {
      item.put("sequence", event.sequence());
    }
    if (event.durationSeconds() != null) {
      item.put("duration_s", event.durationSeconds());
    }
    putIfPresent(item, "agent", event.agent());
    if (!event.details().isEmpty()) {
      item.put("payload", new LinkedHashMap<String, Object>(event.details()));
    }
    boolean stored = table.putIfAbsent(item);
    return new CallPut(stored, recordMilestones(claim, event));
  }

  /** The call item and its Frontdoor lookup, written by whichever event comes first. */
  private void putCall(CallClaim claim, CallEvent event, Instant now) {
    Map<String, Object> call =
        items.timelineItem(claim.customer(), claim.sk(), "call", Keys.timeOf(claim.sk()), now);
    call.put("call_id", claim.callId());
    call.put("provider", event.provider().key());
    call.put("provider_call_id", event.providerCallId());
    call.put(
        "direction",
        event.direction() == dev.frontdoor.threads.CallDirection.INBOUND ? "in" : "out");
    if (event.provider() == CallProvider.WHATSAPP) {
      // A WhatsApp call carries the business number's id, as inbound messages do: a customer's
      // call then opens the service window the way their message would.
      putIfPresent(call, "business_number_id", event.businessParty());
    } else {
      putIfPresent(call, "business_number", event.businessParty());
    }
    call.put(
        "lookups",
        AttributeValue.fromSs(
            List.of(
                Keys.call(event.provider().key(), event.providerCallId()),
                Keys.call(FRONTDOOR, claim.callId()))));
    table.putIfAbsent(call);
    table.putIfAbsent(lookup(Keys.call(FRONTDOOR, claim.callId()), claim, now));
  }

  private Map<String, Object> lookup(String pk, CallClaim claim, Instant now) {
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put(PK, pk);
    lookup.put(SK, "CALL");
    lookup.put("entity", "lookup");
    lookup.put("schema_version", SCHEMA_VERSION);
    lookup.put("customer", Keys.customer(claim.customer()));
    lookup.put("call_id", claim.callId());
    lookup.put("target_sk", claim.sk());
    lookup.put(EXPIRES_AT, items.expiresAt(now));
    return lookup;
  }

  /** First values win (P4), so events in any order and number converge on the same milestones. */
  private CallRecord recordMilestones(CallClaim claim, CallEvent event) {
    Map<String, Object> milestones = new LinkedHashMap<>();
    CallState state = event.state();
    if (!state.endsCall()) {
      milestones.put("started_at", event.atMillis());
    }
    if (state == CallState.ANSWERED) {
      milestones.put("answered_at", event.atMillis());
    }
    if (state.endsCall()) {
      milestones.put("ended_at", event.atMillis());
      milestones.put("outcome", state.wireName());
    }
    if (event.durationSeconds() != null && state.endsCall()) {
      milestones.put("duration_s", event.durationSeconds());
    }
    if (event.agent() != null) {
      milestones.put("agent", event.agent());
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
    Map<String, AttributeValue> key = table.key(Keys.customer(claim.customer()), claim.sk());
    Map<String, AttributeValue> after =
        table
            .update(
                UpdateItemRequest.builder()
                    .key(key)
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW))
            .attributes();
    if (state.endsCall() && state != CallState.COMPLETED) {
      after = specificEnding(key, state).orElse(after);
    }
    if (!state.endsCall()
        && after.containsKey("started_at")
        && Long.parseLong(after.get("started_at").n()) > event.atMillis()) {
      after = earlierStart(key, event.atMillis()).orElse(after);
    }
    return record(after);
  }

  /**
   * An unanswered call's specific ending (busy, no answer, ...) replaces a generic "completed" that
   * arrived first: some providers send both, in either order.
   */
  private Optional<Map<String, AttributeValue>> specificEnding(
      Map<String, AttributeValue> key, CallState state) {
    return updateIf(
        key,
        "SET outcome = :o",
        "outcome = :completed AND attribute_not_exists(answered_at)",
        values(":o", state.wireName(), ":completed", CallState.COMPLETED.wireName()));
  }

  /** An earlier step that arrived late moves the start back: the start is the earliest step. */
  private Optional<Map<String, AttributeValue>> earlierStart(
      Map<String, AttributeValue> key, long atMillis) {
    return updateIf(key, "SET started_at = :t", "started_at > :t", values(":t", atMillis));
  }

  /** The call after an update that applies only when {@code condition} holds; else empty. */
  private Optional<Map<String, AttributeValue>> updateIf(
      Map<String, AttributeValue> key,
      String update,
      String condition,
      Map<String, AttributeValue> values) {
    try {
      return Optional.of(
          table
              .update(
                  UpdateItemRequest.builder()
                      .key(key)
                      .updateExpression(update)
                      .conditionExpression(condition)
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.ALL_NEW))
              .attributes());
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  /** The call's identity: the first event of a call claims its lookup; later ones read it. */
  private CallClaim claimCall(CallEvent event, Instant now) {
    String callId = UlidCreator.getUlid(Math.max(0, event.atMillis())).toString();
    CallClaim mine =
        new CallClaim(callId, event.customer(), Keys.timeline(event.atMillis(), "CALL", callId));
    Optional<Map<String, AttributeValue>> existing =
        table.putIfAbsentOrOld(
            lookup(Keys.call(event.provider().key(), event.providerCallId()), mine, now));
    if (existing.isEmpty()) {
      return mine;
    }
    return claimOf(existing.get());
  }

  private static CallClaim claimOf(Map<String, AttributeValue> lookup) {
    return new CallClaim(
        lookup.get("call_id").s(),
        new CustomerNumber(lookup.get("customer").s().substring("CUST#".length())),
        lookup.get("target_sk").s());
  }

  @Override
  public Optional<CallRecord> findCall(String provider, String callId, Instant now) {
    return table
        .getConsistent(Keys.call(provider, callId), "CALL")
        .filter(lookup -> !TimelineItems.expired(lookup, now))
        .map(DynamoDbCallStore::claimOf)
        .flatMap(claim -> table.getConsistent(Keys.customer(claim.customer()), claim.sk()))
        .filter(call -> !TimelineItems.expired(call, now))
        .map(DynamoDbCallStore::record);
  }

  @Override
  public Optional<CallRecord> fileWrapUp(
      CallRecord call, Map<String, Object> wrapUp, long filedAtMillis, Map<String, Object> draft) {
    Map<String, Object> filed = new LinkedHashMap<>(wrapUp);
    filed.put("filed_at", filedAtMillis);
    String set = "SET wrap_up = :w, wrap_up_filed_at = :t";
    Map<String, AttributeValue> values = values(":w", filed, ":t", filedAtMillis);
    if (!draft.isEmpty()) {
      set += ", summary = if_not_exists(summary, :d)";
      values.put(":d", of(draft));
    }
    try {
      return Optional.of(
          record(
              table
                  .update(
                      UpdateItemRequest.builder()
                          .key(table.key(Keys.customer(call.customer()), call.sortKey()))
                          .updateExpression(set)
                          .conditionExpression(
                              "attribute_exists(pk) AND (attribute_not_exists(wrap_up_filed_at)"
                                  + " OR wrap_up_filed_at <= :t)")
                          .expressionAttributeValues(values)
                          .returnValues(ReturnValue.ALL_NEW))
                  .attributes()));
    } catch (ConditionalCheckFailedException e) {
      // A later filing is already there (it stands), or the call is gone.
      return table
          .getConsistent(Keys.customer(call.customer()), call.sortKey())
          .map(DynamoDbCallStore::record);
    }
  }

  @Override
  public Map<String, Object> recordSummary(
      CallRecord call, Map<String, Object> summary, Instant now) {
    Map<String, AttributeValue> key = table.key(Keys.customer(call.customer()), call.sortKey());
    Map<String, Object> stored;
    try {
      stored =
          record(
                  table
                      .update(
                          UpdateItemRequest.builder()
                              .key(key)
                              .updateExpression("SET summary = :s")
                              .conditionExpression(
                                  "attribute_exists(pk) AND (attribute_not_exists(summary)"
                                      + " OR summary.#state <> :sent)")
                              .expressionAttributeNames(Map.of("#state", "state"))
                              .expressionAttributeValues(values(":s", summary, ":sent", "sent"))
                              .returnValues(ReturnValue.ALL_NEW))
                      .attributes())
              .summary();
    } catch (ConditionalCheckFailedException e) {
      stored =
          table
              .getConsistent(key.get(PK).s(), call.sortKey())
              .map(DynamoDbCallStore::record)
              .map(CallRecord::summary)
              .orElse(Map.of());
    }
    if ("sent".equals(stored.get("state")) && stored.get("message_id") instanceof String id) {
      putSummaryItem(call, stored, id, now);
    }
    return stored;
  }

  /** The {@code SUM} item beside the summary message; its keys rebuild from the message id. */
  private void putSummaryItem(
      CallRecord call, Map<String, Object> summary, String messageId, Instant now) {
    long at = Ulid.from(messageId).getTime();
    Map<String, Object> item =
        items.timelineItem(
            call.customer(), Keys.timeline(at, "SUM", call.callId()), "summary", at, now);
    item.put("call_id", call.callId());
    item.put("call_sk", call.sortKey());
    item.put("message_id", messageId);
    item.put("message_sk", Keys.timeline(at, "MSG", messageId));
    summary.forEach(
        (name, value) -> {
          if (!name.equals("state") && !name.equals("message_id") && value != null) {
            item.putIfAbsent(name, value);
          }
        });
    table.putIfAbsent(item);
  }

  @SuppressWarnings("unchecked")
  private static CallRecord record(Map<String, AttributeValue> item) {
    Map<String, Object> call = toJava(item);
    return new CallRecord(
        (String) call.get("call_id"),
        new CustomerNumber(((String) call.get(PK)).substring("CUST#".length())),
        (String) call.get(SK),
        (String) call.get("provider"),
        (String) call.get("provider_call_id"),
        (String) call.get("direction"),
        (String) call.get("business_number_id"),
        number(call.get("started_at")),
        number(call.get("answered_at")),
        number(call.get("ended_at")),
        (String) call.get("outcome"),
        number(call.get("duration_s")),
        (String) call.get("agent"),
        (Map<String, Object>) call.get("wrap_up"),
        (Map<String, Object>) call.get("summary"));
  }

  private static Long number(Object value) {
    return value instanceof Number number ? number.longValue() : null;
  }

  private record CallClaim(String callId, CustomerNumber customer, String sk) {}
}
