package dev.frontdoor.analytics.events;

import dev.frontdoor.analytics.events.port.in.PublishStoredChanges;
import dev.frontdoor.analytics.events.port.out.EventPublisher;
import dev.frontdoor.logging.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Maps a batch of stored changes to events and hands them to the publisher in one call. */
public final class StoredChangePublishing implements PublishStoredChanges {
  private static final Log LOG = Log.of(StoredChangePublishing.class);

  private final StoredEventMapping mapping;
  private final EventPublisher publisher;

  public StoredChangePublishing(StoredEventMapping mapping, EventPublisher publisher) {
    this.mapping = mapping;
    this.publisher = publisher;
  }

  @Override
  public PublishOutcome publish(List<StoredChange> changes) {
    List<IntegrationEvent> events = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Optional<IntegrationEvent> event = mapping.eventOf(changes.get(i));
      if (event.isPresent()) {
        events.add(event.get());
        positions.add(i);
      }
    }
    if (events.isEmpty()) {
      return new PublishOutcome(0, changes.size(), OptionalInt.empty());
    }
    Set<String> refused = publisher.publish(events);
    OptionalInt firstFailed = OptionalInt.empty();
    for (int i = 0; i < events.size(); i++) {
      if (refused.contains(events.get(i).id())) {
        firstFailed = OptionalInt.of(positions.get(i));
        break;
      }
    }
    LOG.info("events.published")
        .field("changes", changes.size())
        .field("events", events.size())
        .field("refused", refused.size())
        .write();
    return new PublishOutcome(
        events.size() - refused.size(), changes.size() - events.size(), firstFailed);
  }
}
