package dev.frontdoor.threads.port.out;

import dev.frontdoor.threads.RawEvent;
import java.time.Instant;

/** Webhook content kept as it came, with no thread (docs/data-model.md, 9.3a). */
public interface RawEventStore {

  /** Insert-once of something that has no thread (unhandled field, unroutable entry). */
  boolean putRawEvent(RawEvent event, Instant now);
}
