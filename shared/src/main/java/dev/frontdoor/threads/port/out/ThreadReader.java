package dev.frontdoor.threads.port.out;

import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadView;
import java.time.Instant;

/** Reads a customer's partition with strong consistency; expired items are left out. */
public interface ThreadReader {
  ThreadView read(ThreadQuery query, Instant now);
}
