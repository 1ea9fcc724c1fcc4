package dev.frontdoor.testing.memory;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.WhatsAppCallEvent;
import dev.frontdoor.threads.port.out.CallStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CallStore} in memory: the first event of a provider call claims the call's identity, each
 * event is stored once, milestones keep their first value (as DynamoDbCallStore).
 */
public final class InMemoryCallStore implements CallStore {
  private final InMemoryTimeline timeline;
  private final Duration retention;
  private final Map<String, MessageRef> calls = new ConcurrentHashMap<>();

  public InMemoryCallStore(InMemoryTimeline timeline, Duration retention) {
    this.timeline = timeline;
    this.retention = retention;
  }

  @Override
  public boolean putCallEvent(WhatsAppCallEvent event, Instant now) {
    long expires = now.plus(retention).getEpochSecond();
    MessageRef call =
        calls.computeIfAbsent(
            "whatsapp#" + event.callId(),
            id -> {
              String callId = UlidCreator.getUlid(Math.max(0, event.atMillis())).toString();
              String sk = InMemoryTimeline.sortKey(event.atMillis(), "CALL", callId);
              Map<String, Object> item = new LinkedHashMap<>();
              item.put("entity", "call");
              item.put("at", event.atMillis());
              item.put(InMemoryTimeline.EXPIRES_AT, expires);
              item.put("call_id", callId);
              item.put("provider", "whatsapp");
              item.put("provider_call_id", event.callId());
              item.put("direction", event.direction().toLowerCase(Locale.ROOT));
              timeline.putIfAbsent(event.customer(), sk, item);
              return new MessageRef(event.customer(), sk);
            });
    String callId = call.sortKey().substring(call.sortKey().lastIndexOf('#') + 1);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("entity", "call_event");
    item.put("at", event.atMillis());
    item.put(InMemoryTimeline.EXPIRES_AT, expires);
    item.put("call_id", callId);
    item.put("provider", "whatsapp");
    item.put("event", event.event());
    if (event.status() != null) {
      item.put("status", event.status());
    }
    String sk =
        InMemoryTimeline.sortKey(event.atMillis(), "CALLEV", callId + "#" + event.eventKey());
    boolean stored = timeline.putIfAbsent(call.customer(), sk, item);
    if (event.event().equals("terminate")) {
      timeline.update(
          call,
          found -> {
            found.putIfAbsent("ended_at", event.atMillis());
            return found;
          });
    }
    return stored;
  }
}
