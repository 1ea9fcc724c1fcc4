package dev.frontdoor.outbound.delivery;

import dev.frontdoor.outbound.delivery.port.out.RateLeases;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a business number's sends within its throughput across every sender instance, with one
 * table write per block of sends. Sends get times on one shared schedule spaced {@code 1/limit}
 * apart (a virtual clock on one item per number); an instance reserves a block of consecutive times
 * and sends each no earlier than its time. Any one-second window then holds at most {@code limit}
 * sends, whatever the number of instances; unused reserved times are lost, never reused.
 */
public final class ThroughputLimiter {
  private static final long HORIZON_MICROS = 5_000_000;
  private static final long LATENESS_MICROS = 10_000;

  /**
   * Send times per table call: 32 keeps calls per send near 0.04 even when each of 8 instances ends
   * a burst holding a partly used block (bin/gateway bench limiter).
   */
  public static final int DEFAULT_BLOCK = 32;

  /** {@link RateLeases#reserve} answers this when the schedule is booked past the horizon. */
  public static final long BOOKED = -1;

  private final RateLeases leases;
  private final Clock clock;
  private final int limitPerSecond;
  private final int block;
  private final Map<String, Deque<Long>> reserved = new HashMap<>();
  private long reservations;

  public ThroughputLimiter(RateLeases leases, Clock clock, int limitPerSecond, int block) {
    this.leases = leases;
    this.clock = clock;
    this.limitPerSecond = limitPerSecond;
    this.block = Math.max(1, block);
  }

  /** Waits until this instance may make one send from {@code phoneNumberId}. */
  public synchronized void acquire(String phoneNumberId) throws InterruptedException {
    // A send may go up to LATENESS after its time (an instance sends its block one request at a
    // time), so a one-second window holds the sends scheduled in 1 s + LATENESS, plus one at its
    // edge: the schedule runs at (limit - 1) / (1 s + LATENESS) to keep every window within limit.
    long interval =
        (long) Math.ceil((1_000_000.0 + LATENESS_MICROS) / Math.max(1, limitPerSecond - 1));
    Deque<Long> times = reserved.computeIfAbsent(phoneNumberId, id -> new ArrayDeque<>());
    while (true) {
      long now = nowMicros();
      // Times already past are unusable: sending late could bunch sends in a later window.
      while (!times.isEmpty() && times.peekFirst() < now - LATENESS_MICROS) {
        times.pollFirst();
      }
      if (!times.isEmpty()) {
        long at = times.pollFirst();
        sleepUntil(at);
        return;
      }
      long first = leases.reserve(phoneNumberId, block, interval, now, HORIZON_MICROS);
      reservations++;
      if (first == BOOKED) {
        sleepUntil(now + HORIZON_MICROS / 20);
        continue;
      }
      if (first < 0) {
        continue; // raced another instance restarting an idle schedule: try again at once
      }
      for (int i = 0; i < block; i++) {
        times.addLast(first + i * interval);
      }
    }
  }

  /**
   * Meta asked to slow down (130429: something else also sends from this number, or inbound traffic
   * counts against it; or an API rate limit or server error). Every instance's schedule moves
   * {@code pauseMillis} later, and this instance gives up the times it holds; other instances
   * finish at most the block they hold.
   */
  public synchronized void slowDown(String phoneNumberId, long pauseMillis) {
    Deque<Long> times = reserved.get(phoneNumberId);
    if (times != null) {
      times.clear();
    }
    leases.pause(phoneNumberId, nowMicros(), pauseMillis * 1000);
    reservations++;
  }

  /** Table calls made so far (for the limiter's calls-per-send figure). */
  public synchronized long reservations() {
    return reservations;
  }

  private long nowMicros() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  private void sleepUntil(long atMicros) throws InterruptedException {
    long waitMicros = atMicros - nowMicros();
    if (waitMicros > 0) {
      Thread.sleep(waitMicros / 1000, (int) (waitMicros % 1000) * 1000);
    }
  }
}
