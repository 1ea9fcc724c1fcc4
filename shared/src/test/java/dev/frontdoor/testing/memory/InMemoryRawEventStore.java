package dev.frontdoor.testing.memory;

import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.port.out.RawEventStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RawEventStore} in memory: insert-once by kind and content, as DynamoDbRawEventStore. */
public final class InMemoryRawEventStore implements RawEventStore {
  private final Map<String, RawEvent> events = new ConcurrentHashMap<>();

  @Override
  public boolean putRawEvent(RawEvent event, Instant now) {
    return events.putIfAbsent(event.kind() + "\n" + event.json(), event) == null;
  }

  /** What was kept, in no particular order. */
  public List<RawEvent> events() {
    return List.copyOf(events.values());
  }
}
