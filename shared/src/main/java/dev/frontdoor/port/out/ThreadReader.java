package dev.frontdoor.port.out;

import dev.frontdoor.domain.thread.ThreadQuery;
import dev.frontdoor.domain.thread.ThreadView;
import java.time.Instant;

/** Reads a customer's partition with strong consistency; expired items are left out. */
public interface ThreadReader {
  ThreadView read(ThreadQuery query, Instant now);
}
