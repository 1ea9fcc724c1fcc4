package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.outbound.delivery.port.out.RateLeases;
import dev.frontdoor.testing.memory.ManualClock;
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

  @Test
  void lowLimit_eightInstances_neverOverTheLimit_andTheScheduleIsUsed() throws Exception {
    Run run = run(new MemoryRateLeases(), 10, 8, 16, 3_000, 300);
    assertThat(ThroughputWindow.maxInAnyWindow(run.starts())).isLessThanOrEqualTo(10);
    // 3 s at 10 per second is 30; the instances' first calls come one by one as their sends
    // arrive, and a busy machine wakes some sends too late for their times.
    assertThat(run.starts().size()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void slowAnswers_sendsSideBySide_startAtTheLimitNotAtTheAnswerRate() throws Exception {
    // 4 instances with 20 sends each, every send holding its thread 200 ms: one at a time they
    // could start 20 per second; side by side, each waiting for its own time, the limit's 200.
    Run run = run(new MemoryRateLeases(), 200, 4, 20, 2_000, 200);
    assertThat(ThroughputWindow.maxInAnyWindow(run.starts())).isLessThanOrEqualTo(200);
    assertThat(run.starts().size()).isGreaterThanOrEqualTo(300);
    // Short runs pay for the start, when each send arriving alone reserves for itself.
    assertThat((double) run.calls() / run.starts().size()).isLessThanOrEqualTo(0.3);
  }

  @Test
  void slowDown_pausesTheSharedScheduleForEveryInstance() throws Exception {
    MemoryRateLeases leases = new MemoryRateLeases();
    ThroughputLimiter first = new ThroughputLimiter(leases, Clock.systemUTC(), 100, 32);
    ThroughputLimiter second = new ThroughputLimiter(leases, Clock.systemUTC(), 100, 32);
    first.acquire(NUMBER);
    long refusedAt = System.nanoTime();
    first.slowDown(NUMBER, 300);
    second.acquire(NUMBER);
    assertThat(System.nanoTime() - refusedAt).isGreaterThanOrEqualTo(290_000_000L);
    assertThat(leases.pausesMicros()).containsExactly(300_000L);
  }

  @Test
  void time_scheduleBookedByOthers_answersNoTimeAfterTheLongestWait() throws Exception {
    // GIVEN a schedule that other instances keep booked past the horizon
    RateLeases booked =
        new RateLeases() {
          @Override
          public long reserve(String id, int count, long interval, long now, long horizon) {
            return ThroughputLimiter.BOOKED;
          }

          @Override
          public void pause(String id, long now, long pause) {}
        };
    ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-30T00:00:00Z"));
    ThroughputLimiter limiter = new ThroughputLimiter(booked, clock, 80, 32);
    // WHEN a send asks for a time while the clock runs past the longest wait
    Thread ticking =
        new Thread(
            () -> {
              for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                clock.advance(java.time.Duration.ofMillis(100));
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    ticking.start();
    long at = limiter.time(NUMBER);
    ticking.interrupt();
    // THEN it gets no time rather than waiting on, so the sender can return it to the queue
    assertThat(at).isEqualTo(ThroughputLimiter.NO_TIME);
  }

  @Test
  void interval_keepsLimitPlusOneSendsASecondApart_withLateStarts() {
    long interval = ThroughputLimiter.intervalMicros(80);
    // limit + 1 sends, the first as late as allowed and delayed on its way, the last on time, still
    // span a
    // full second.
    assertThat(
            80 * interval
                - ThroughputLimiter.LATENESS_MICROS
                - ThroughputLimiter.ARRIVAL_JITTER_MICROS)
        .isGreaterThanOrEqualTo(1_000_000);
    assertThat(ThroughputLimiter.intervalMicros(10)).isEqualTo(103_500);
  }
}
