package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.testing.memory.MemoryRateLeases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The limiter over the in-memory schedule on the real clock (it sleeps towards send times): short
 * runs of several instances, each with sends side by side, as the sender and the benchmark use it.
 */
class ThroughputLimiterTest {
  private static final String NUMBER = "106540352242922";

  private record Run(List<Long> starts, long calls, long lateTimes) {}

  /**
   * {@code instances} limiters sharing one schedule, {@code sendsEach} sends side by side in each.
   */
  private static Run run(
      MemoryRateLeases leases,
      int limit,
      int instances,
      int sendsEach,
      long millis,
      long holdMillis)
      throws InterruptedException {
    List<ThroughputLimiter> limiters = new ArrayList<>();
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    long end = System.nanoTime() + millis * 1_000_000;
    for (int i = 0; i < instances; i++) {
      ThroughputLimiter limiter =
          new ThroughputLimiter(leases, Clock.systemUTC(), limit, ThroughputLimiter.DEFAULT_BLOCK);
      limiters.add(limiter);
      for (int t = 0; t < sendsEach; t++) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    while (System.nanoTime() < end) {
                      limiter.acquire(NUMBER);
                      if (System.nanoTime() >= end) {
                        return;
                      }
                      starts.add(System.nanoTime());
                      Thread.sleep(holdMillis); // the Graph API answering
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }
    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
    long calls = limiters.stream().mapToLong(ThroughputLimiter::reservations).sum();
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      thread.join();
    }
    List<Long> sorted = new ArrayList<>(starts);
    Collections.sort(sorted);
    return new Run(sorted, calls, limiters.stream().mapToLong(ThroughputLimiter::lateTimes).sum());
  }

  private static int maxInAnySecond(List<Long> sortedNanos) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < sortedNanos.size(); to++) {
      while (sortedNanos.get(to) - sortedNanos.get(from) >= 1_000_000_000L) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  @Test
  void lowLimit_eightInstances_withinTheLimit_fewCallsPerSend() throws Exception {
    MemoryRateLeases leases = new MemoryRateLeases();
    Run run = run(leases, 10, 8, 16, 3_000, 300);
    System.out.printf(
        "sends %d calls %d late %d max %d%n",
        run.starts().size(), run.calls(), run.lateTimes(), maxInAnySecond(run.starts()));
    assertThat(maxInAnySecond(run.starts())).isLessThanOrEqualTo(10);
  }
}
