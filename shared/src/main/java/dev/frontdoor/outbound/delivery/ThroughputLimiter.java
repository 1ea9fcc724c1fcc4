package dev.frontdoor.outbound.delivery;

import dev.frontdoor.outbound.delivery.port.out.RateLeases;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a business number's sends within its throughput across every sender instance. Sends get
 * times on one shared schedule (a virtual clock on one table item per number) spaced {@code (1 s +
 * lateness) / limit} apart. The limiter governs when a request starts, not when it ends: every
 * waiting send holds its own time and waits for it side by side with the others, so the Graph API's
 * answer time never consumes the schedule.
 *
 * <p>One table call reserves a block of consecutive times for the sends of this instance that are
 * waiting at that moment (at most {@code block}), so every reserved time has a send bound to it and
 * none is wasted for want of a sender. Sends that arrive while this instance still holds times
 * ahead gather and reserve together just before those run out, which keeps table calls per send
 * low. A send that wakes more than the lateness allowance after its time gives that time up and
 * asks again: a late send could otherwise bunch with the sends after it in one window.
 */
public final class ThroughputLimiter {
  /**
   * How far ahead the schedule may be booked: each instance holds one block of at most {@code
   * BLOCK_SPAN} at a time, so up to 13 busy instances never find it booked.
   */
  private static final long HORIZON_MICROS = 8_000_000;

  /**
   * How late after its time a send may still start. Thread wake-ups on two busy cores are often 10
   * ms late and sometimes more; a send later than this gives its time up.
   */
  public static final long LATENESS_MICROS = 15_000;

  /**
   * How much later than its start a request may reach Meta relative to the others: Meta counts
   * arrivals, and the path between (this process's threads, the connection, the network) delays
   * some requests more than others. Measured here (bin/gateway bench limiter, max_started vs
   * max_in_any_1s_window): 6-7 ms at 1,000 mps on an idle machine, 13-28 ms on a loaded one.
   */
  public static final long ARRIVAL_JITTER_MICROS = 20_000;

  /** Gathered sends reserve this long before the last time this instance holds. */
  private static final long LEAD_MICROS = 60_000;

  /** A whole block of waiting sends reserves as early as this before the last time held. */
  private static final long EARLY_MICROS = 250_000;

  /**
   * Longest stretch of the schedule one call reserves (at 10 mps: 6 times a call), so a low limit
   * shared by several instances still moves every instance's sends within a second or so.
   */
  private static final long BLOCK_SPAN_MICROS = 600_000;

  /** Most times per table call (bin/gateway bench limiter). */
  public static final int DEFAULT_BLOCK = 32;

  /**
   * {@link #time} answers this when no time came within {@link #MAX_WAIT_MICROS}: the schedule is
   * booked by other instances, and the send is better back in the queue than holding a function
   * that may time out.
   */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** The longest a send waits for a time to be reserved (not for the time itself). */
  static final long MAX_WAIT_MICROS = 5_000_000;

  /** {@link RateLeases#reserve} answers this when the schedule is booked past the horizon. */
  public static final long BOOKED = -1;

  private final RateLeases leases;
  private final Clock clock;
  private final int block;
  private final long intervalMicros;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Number> numbers = new HashMap<>();
  private long reservations;
  private long callMicros;
  private long lateTimes;
  private long refusals;

  /** One business number's times held by this instance, and the sends waiting for one. */
  private static final class Number {
    /** Sorted: a time handed back goes back in its place. */
    final TreeSet<Long> times = new TreeSet<>();

    int waiting;
    boolean reserving;
    long lastHeld;
    long bookedUntil;
  }

  public ThroughputLimiter(RateLeases leases, Clock clock, int limitPerSecond, int block) {
    this.leases = leases;
    this.clock = clock;
    // A block spans at most BLOCK_SPAN: several instances' blocks then fit in the horizon.
    this.block = (int) Math.max(1, Math.min(block, limitPerSecond * BLOCK_SPAN_MICROS / 1_000_000));
    this.intervalMicros = intervalMicros(limitPerSecond);
  }

  /**
   * The schedule's spacing. Each send arrives within the lateness and jitter allowances after its
   * time, so any {@code limit + 1} consecutive arrivals span at least {@code limit * interval -
   * lateness - jitter} = 1 s: no one-second window (Meta's, half open) holds more than {@code
   * limit}. The allowances cost 3.4% of the limit.
   */
  public static long intervalMicros(int limitPerSecond) {
    return (long)
        Math.ceil(
            (1_000_000.0 + LATENESS_MICROS + ARRIVAL_JITTER_MICROS) / Math.max(1, limitPerSecond));
  }

  /** Waits until this instance may start one send from {@code phoneNumberId}. */
  public void acquire(String phoneNumberId) throws InterruptedException {
    while (true) {
      long at = time(phoneNumberId);
      if (at != NO_TIME && startAt(phoneNumberId, at)) {
        return;
      }
      // no time yet, or woke too late and gave it up: ask again
    }
  }

  /**
   * Holds the next send time (µs since the epoch) for one send from {@code phoneNumberId}, without
   * waiting for it: the caller may check other limits against that time first, then {@link
   * #startAt} it or {@link #giveBack} it. {@link #NO_TIME} when none could be reserved within
   * {@link #MAX_WAIT_MICROS}.
   */
  public long time(String phoneNumberId) throws InterruptedException {
    Number number;
    lock.lock();
    try {
      number = numbers.computeIfAbsent(phoneNumberId, id -> new Number());
    } finally {
      lock.unlock();
    }
    return take(phoneNumberId, number);
  }

  /**
   * Waits for a held time. True when the send may start now; false when this thread woke more than
   * the lateness allowance after it, so the time is given up (a late send could bunch with the
   * sends after it in one window) and the caller asks for another.
   */
  public boolean startAt(String phoneNumberId, long atMicros) throws InterruptedException {
    sleepUntil(atMicros);
    if (nowMicros() <= atMicros + LATENESS_MICROS) {
      return true;
    }
    lock.lock();
    try {
      lateTimes++;
    } finally {
      lock.unlock();
    }
    return false;
  }

  /**
   * Hands a held time back unused (the send may not go yet for another reason): this instance's
   * next waiting send takes it, so the number's share is not lost while it is still usable.
   */
  public void giveBack(String phoneNumberId, long atMicros) {
    lock.lock();
    try {
      Number number = numbers.get(phoneNumberId);
      if (number != null && atMicros >= nowMicros() - LATENESS_MICROS) {
        number.times.add(atMicros);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The time in µs since the epoch, on this limiter's clock. */
  public long nowMicros() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /** The next time this instance holds, reserving a block for every waiting send when none. */
  private long take(String phoneNumberId, Number number) throws InterruptedException {
    lock.lock();
    number.waiting++;
    long deadline = nowMicros() + MAX_WAIT_MICROS;
    try {
      while (true) {
        long now = nowMicros();
        // A time already past the allowance is unusable; nobody holds it any more.
        java.util.SortedSet<Long> missed = number.times.headSet(now - LATENESS_MICROS);
        lateTimes += missed.size();
        missed.clear();
        if (!number.times.isEmpty()) {
          return number.times.pollFirst();
        }
        if (now >= deadline) {
          return NO_TIME;
        }
        if (number.reserving) {
          changed.await(10, TimeUnit.MILLISECONDS);
          continue;
        }
        if (now < number.bookedUntil) {
          changed.await(Math.min(number.bookedUntil, deadline) - now, TimeUnit.MICROSECONDS);
          continue;
        }
        long gatherUntil = number.lastHeld - LEAD_MICROS;
        boolean fullBlockSoon = number.waiting >= block && now >= number.lastHeld - EARLY_MICROS;
        if (now < gatherUntil && !fullBlockSoon) {
          // This instance's earlier sends still wait for their times: later ones gather, and
          // the instance holds one block at a time, leaving the horizon to the others; unless a
          // whole block already waits at a high limit, where the schedule could run dry while
          // one table call is answered.
          changed.await(Math.min(gatherUntil, deadline) - now, TimeUnit.MICROSECONDS);
          continue;
        }
        reserve(phoneNumberId, number, Math.min(block, number.waiting));
      }
    } finally {
      number.waiting--;
      lock.unlock();
    }
  }

  /** One table call, made without the lock so this instance's other sends keep going. */
  private void reserve(String phoneNumberId, Number number, int count) {
    number.reserving = true;
    long first = BOOKED;
    long now = nowMicros();
    // Times are asked from when the answer is expected: a schedule restarted at the moment of the
    // call would hand back times already past, which no send may use (a busy machine's table
    // calls outlast the lateness allowance, and the instance would ask again and again).
    long from = now + answerAheadMicros();
    lock.unlock();
    try {
      first = leases.reserve(phoneNumberId, count, intervalMicros, from, HORIZON_MICROS);
    } finally {
      lock.lock();
      number.reserving = false;
      reservations++;
      long took = nowMicros() - now;
      callMicros = callMicros == 0 ? took : (callMicros * 7 + took) / 8;
      changed.signalAll();
    }
    if (first < 0) {
      refusals++;
    }
    if (first == BOOKED) {
      // Booked by other instances: look again once about this block's span has passed.
      number.bookedUntil = now + Math.max(20_000, Math.min(1_000_000, count * intervalMicros));
      return;
    }
    if (first < 0) {
      return; // raced another instance restarting an idle schedule: ask again at once
    }
    for (int i = 0; i < count; i++) {
      number.times.add(first + i * intervalMicros);
    }
    number.lastHeld = first + (count - 1) * intervalMicros;
  }

  /**
   * Meta asked to slow down (130429: something else also sends from this number, or inbound traffic
   * counts against it; or an API rate limit or server error). Every instance's schedule moves
   * {@code pauseMillis} later, and this instance gives up the times it holds; other instances
   * finish at most the block they hold.
   */
  public void slowDown(String phoneNumberId, long pauseMillis) {
    lock.lock();
    try {
      Number number = numbers.get(phoneNumberId);
      if (number != null) {
        number.times.clear();
        number.lastHeld = 0;
      }
      reservations++;
    } finally {
      lock.unlock();
    }
    leases.pause(phoneNumberId, nowMicros(), pauseMillis * 1000);
  }

  /** Twice the table's recent answer time, within 2 ms and 0.5 s. */
  private long answerAheadMicros() {
    return Math.max(2_000, Math.min(500_000, 2 * callMicros));
  }

  /** Table calls made so far (for the limiter's calls-per-send figure). */
  public long reservations() {
    lock.lock();
    try {
      return reservations;
    } finally {
      lock.unlock();
    }
  }

  /** Table calls that reserved nothing (booked past the horizon, or raced a restart). */
  public long refusals() {
    lock.lock();
    try {
      return refusals;
    } finally {
      lock.unlock();
    }
  }

  /** Times given up because the send woke more than the lateness allowance after them. */
  public long lateTimes() {
    lock.lock();
    try {
      return lateTimes;
    } finally {
      lock.unlock();
    }
  }

  private void sleepUntil(long atMicros) throws InterruptedException {
    long waitMicros = atMicros - nowMicros();
    if (waitMicros > 0) {
      TimeUnit.MICROSECONDS.sleep(waitMicros);
    }
  }
}
