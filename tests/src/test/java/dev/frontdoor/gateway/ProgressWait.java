package dev.frontdoor.gateway;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for a count of open things to reach zero for as long as it keeps falling: a long suite on a
 * slow machine is not a stuck one. The wait gives up only after a whole quiet window without
 * progress, which the caller sizes from the settings that bound the slowest step (the longest
 * backoff, a lease, a restart), never from a guess at the machine's speed.
 */
public final class ProgressWait {
  private ProgressWait() {}

  /**
   * Polls {@code open} every {@code poll} until it answers 0 (true) or has not fallen for {@code
   * quiet} (false).
   */
  public static boolean untilNoneOpen(Callable<Integer> open, Duration quiet, Duration poll)
      throws Exception {
    int best = Integer.MAX_VALUE;
    long lastProgress = System.nanoTime();
    while (true) {
      int now = open.call();
      if (now == 0) {
        return true;
      }
      if (now < best) {
        best = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > quiet.toNanos()) {
        return false;
      }
      Thread.sleep(poll.toMillis());
    }
  }
}
