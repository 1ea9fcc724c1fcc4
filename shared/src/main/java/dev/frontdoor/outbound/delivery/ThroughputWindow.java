package dev.frontdoor.outbound.delivery;

import java.util.List;

/**
 * Meta's throughput limit as Meta counts it: requests in any one-second window, half open (a
 * request exactly one second after another is in the next window). What {@link ThroughputLimiter}
 * promises to keep at or under the limit; its tests and {@code bin/gateway bench limiter} measure a
 * run with it, so both count the same way.
 */
public final class ThroughputWindow {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  private ThroughputWindow() {}

  /** The largest number of the times (nanoseconds, sorted ascending) in any one-second window. */
  public static int maxInAnyWindow(List<Long> sortedNanos) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < sortedNanos.size(); to++) {
      while (sortedNanos.get(to) - sortedNanos.get(from) >= ONE_SECOND_NANOS) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
