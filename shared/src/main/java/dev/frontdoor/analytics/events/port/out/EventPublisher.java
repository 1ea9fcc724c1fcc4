package dev.frontdoor.analytics.events.port.out;

import dev.frontdoor.analytics.events.IntegrationEvent;
import java.util.List;
import java.util.Set;

/** Where events go. */
public interface EventPublisher {
  /**
   * Publishes events in order; the ids of those not accepted (to retry).
   *
   * @throws dev.frontdoor.common.StoreUnavailableException when it could not be reached at all
   */
  Set<String> publish(List<IntegrationEvent> events);
}
