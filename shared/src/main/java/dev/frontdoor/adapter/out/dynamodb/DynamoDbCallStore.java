package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.of;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.putBusiness;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.putIfPresent;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.threads.WhatsAppCallEvent;
import dev.frontdoor.threads.port.out.CallStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CallStore}: the {@code CALL#<provider>#<id>} lookup that claims a call's identity, the
 * {@code CALL} and {@code CALLEV} timeline items, and the call's milestones (docs/data-model.md,
 * 5.8, 5.9 and 9.5).
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
  public boolean putCallEvent(WhatsAppCallEvent event, Instant now) {
    CallClaim claim =
        claimCall("whatsapp", event.callId(), event.customer(), event.atMillis(), now);
    Map<String, Object> call =
        items.timelineItem(claim.customer(), claim.sk(), "call", Keys.timeOf(claim.sk()), now);
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
        items.timelineItem(claim.customer(), eventSk, "call_event", event.atMillis(), now);
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
    lookup.put(EXPIRES_AT, items.expiresAt(now));
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

  private record CallClaim(String callId, CustomerNumber customer, String sk) {}
}
