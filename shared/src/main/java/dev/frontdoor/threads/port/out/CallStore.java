package dev.frontdoor.threads.port.out;

import dev.frontdoor.threads.WhatsAppCallEvent;
import java.time.Instant;

/** Call items, their provider lookups and call events (docs/data-model.md, 5.8, 5.9, 9.5). */
public interface CallStore {

  /**
   * A WhatsApp call event: the call (claimed once per call id), the event (insert-once; {@code
   * true} when new), the call's milestones (first value kept).
   */
  boolean putCallEvent(WhatsAppCallEvent event, Instant now);
}
