package dev.frontdoor.analytics.events.port.in;

import dev.frontdoor.analytics.events.PublishOutcome;
import dev.frontdoor.analytics.events.StoredChange;
import java.util.List;

/** Publishes what a batch of stored changes means for other systems, in order. */
public interface PublishStoredChanges {
  /**
   * @throws dev.frontdoor.common.StoreUnavailableException when the publisher could not be reached
   *     at all (the whole batch is retried)
   */
  PublishOutcome publish(List<StoredChange> changes);
}
