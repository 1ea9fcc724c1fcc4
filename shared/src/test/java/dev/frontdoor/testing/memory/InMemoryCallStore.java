package dev.frontdoor.testing.memory;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallPut;
import dev.frontdoor.threads.CallRecord;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.port.out.CallStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CallStore} in memory with DynamoDbCallStore's contract: the first event of a provider call
 * claims the call's identity, each event is stored once, milestones keep their first value (a
 * specific ending replaces a generic "completed" of an unanswered call), a later wrap-up replaces
 * an earlier one, and a sent summary is never replaced.
 */
public final class InMemoryCallStore implements CallStore {
  private final InMemoryTimeline timeline;
  private final Duration retention;
  private final Map<String, MessageRef> lookups = new ConcurrentHashMap<>();

  public InMemoryCallStore(InMemoryTimeline timeline, Duration retention) {
    this.timeline = timeline;
    this.retention = retention;
  }

  @Override
  public synchronized CallPut putCallEvent(CallEvent event, Instant now) {
    long expires = now.plus(retention).getEpochSecond();
    MessageRef call = lookups.get(event.lookupKey());
    if (call == null) {
      call = createCall(event, expires);
      lookups.put(event.lookupKey(), call);
    }
    String callId = callIdOf(call);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("entity", "call_event");
    item.put("at", event.atMillis());
    item.put(InMemoryTimeline.EXPIRES_AT, expires);
    item.put("call_id", callId);
    item.put("provider", event.provider().key());
    item.put("state", event.state().wireName());
    item.put("provider_status", event.providerStatus());
    String sk =
        InMemoryTimeline.sortKey(event.atMillis(), "CALLEV", callId + "#" + event.eventKey());
    boolean stored = timeline.putIfAbsent(call.customer(), sk, item);
    Map<String, Object> after =
        timeline
            .update(
                call,
                found -> {
                  CallState state = event.state();
                  if (!state.endsCall()) {
                    found.merge(
                        "started_at",
                        event.atMillis(),
                        (was, given) ->
                            Math.min(((Number) was).longValue(), ((Number) given).longValue()));
                  }
                  if (state == CallState.ANSWERED) {
                    found.putIfAbsent("answered_at", event.atMillis());
                  }
                  if (state.endsCall()) {
                    found.putIfAbsent("ended_at", event.atMillis());
                    found.putIfAbsent("outcome", state.wireName());
                    if (event.durationSeconds() != null) {
                      found.putIfAbsent("duration_s", event.durationSeconds().longValue());
                    }
                    if (state != CallState.COMPLETED
                        && "completed".equals(found.get("outcome"))
                        && !found.containsKey("answered_at")) {
                      found.put("outcome", state.wireName());
                    }
                  }
                  if (event.agent() != null) {
                    found.putIfAbsent("agent", event.agent());
                  }
                  return found;
                })
            .orElseThrow();
    return new CallPut(stored, record(call, after));
  }

  /** The call item a provider call's first event creates, findable by Frontdoor's id too. */
  private MessageRef createCall(CallEvent event, long expires) {
    String callId = UlidCreator.getUlid(Math.max(0, event.atMillis())).toString();
    String sk = InMemoryTimeline.sortKey(event.atMillis(), "CALL", callId);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("entity", "call");
    item.put("at", event.atMillis());
    item.put(InMemoryTimeline.EXPIRES_AT, expires);
    item.put("call_id", callId);
    item.put("provider", event.provider().key());
    item.put("provider_call_id", event.providerCallId());
    item.put("direction", event.direction() == CallDirection.INBOUND ? "in" : "out");
    if (event.businessParty() != null) {
      String name =
          event.provider() == CallProvider.WHATSAPP ? "business_number_id" : "business_number";
      item.put(name, event.businessParty());
    }
    timeline.putIfAbsent(event.customer(), sk, item);
    MessageRef ref = new MessageRef(event.customer(), sk);
    lookups.put("CALL#" + FRONTDOOR + "#" + callId, ref);
    return ref;
  }

  @Override
  public Optional<CallRecord> findCall(String provider, String callId, Instant now) {
    String key =
        provider.equals(FRONTDOOR)
            ? "CALL#" + FRONTDOOR + "#" + callId
            : "CALL#" + provider + "#" + callId;
    return Optional.ofNullable(lookups.get(key))
        .flatMap(ref -> timeline.item(ref).map(item -> Map.entry(ref, item)))
        .filter(found -> !InMemoryTimeline.expired(found.getValue(), now))
        .map(found -> record(found.getKey(), found.getValue()));
  }

  @Override
  public synchronized Optional<CallRecord> fileWrapUp(
      CallRecord call, Map<String, Object> wrapUp, long filedAtMillis, Map<String, Object> draft) {
    MessageRef ref = new MessageRef(call.customer(), call.sortKey());
    return timeline
        .update(
            ref,
            found -> {
              Object filed = found.get("wrap_up_filed_at");
              if (filed == null || ((Number) filed).longValue() <= filedAtMillis) {
                Map<String, Object> stored = new LinkedHashMap<>(wrapUp);
                stored.put("filed_at", filedAtMillis);
                found.put("wrap_up", stored);
                found.put("wrap_up_filed_at", filedAtMillis);
                if (!draft.isEmpty()) {
                  found.putIfAbsent("summary", new LinkedHashMap<>(draft));
                }
              }
              return found;
            })
        .map(item -> record(ref, item));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> recordSummary(
      CallRecord call, Map<String, Object> summary, Instant now) {
    MessageRef ref = new MessageRef(call.customer(), call.sortKey());
    Map<String, Object> after =
        timeline
            .update(
                ref,
                found -> {
                  Object current = found.get("summary");
                  if (!(current instanceof Map<?, ?> map && "sent".equals(map.get("state")))) {
                    found.put("summary", new LinkedHashMap<>(summary));
                  }
                  return found;
                })
            .map(item -> (Map<String, Object>) item.getOrDefault("summary", Map.of()))
            .orElse(Map.of());
    if ("sent".equals(after.get("state")) && after.get("message_id") instanceof String id) {
      long at = Ulid.from(id).getTime();
      Map<String, Object> item = new LinkedHashMap<>(after);
      item.remove("state");
      item.put("entity", "summary");
      item.put("at", at);
      item.put(InMemoryTimeline.EXPIRES_AT, now.plus(retention).getEpochSecond());
      item.put("call_id", call.callId());
      timeline.putIfAbsent(
          call.customer(), InMemoryTimeline.sortKey(at, "SUM", call.callId()), item);
    }
    return after;
  }

  private static String callIdOf(MessageRef call) {
    return call.sortKey().substring(call.sortKey().lastIndexOf('#') + 1);
  }

  @SuppressWarnings("unchecked")
  private static CallRecord record(MessageRef ref, Map<String, Object> item) {
    return new CallRecord(
        callIdOf(ref),
        ref.customer(),
        ref.sortKey(),
        (String) item.get("provider"),
        (String) item.get("provider_call_id"),
        (String) item.get("direction"),
        (String) item.get("business_number_id"),
        number(item.get("started_at")),
        number(item.get("answered_at")),
        number(item.get("ended_at")),
        (String) item.get("outcome"),
        number(item.get("duration_s")),
        (String) item.get("agent"),
        (Map<String, Object>) item.get("wrap_up"),
        (Map<String, Object>) item.get("summary"));
  }

  private static Long number(Object value) {
    return value instanceof Number number ? number.longValue() : null;
  }
}
