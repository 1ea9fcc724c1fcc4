package dev.frontdoor.infra.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many times each local function was invoked and for how long (wall time inside the handler, on
 * this machine's CPU), as Lambda would bill them: duration rounded up to the millisecond per
 * invocation. Counted in every local gateway of this JVM; read by {@code bin/gateway bench cost}.
 *
 * <p>The bench's meter also reports each AWS call the handler's own thread makes ({@link
 * #storeCall}): how long the thread waited on the local engine, and how long the same call is
 * modelled to take on the real service. Calls on one thread run one after another, so their sum is
 * exactly the wall time the thread was blocked on them; an invocation is also billed as if those
 * waits had taken the modelled time ({@link Count#modelledBilledMillis}). Calls on other threads
 * (the sender's group lanes) are not seen here.
 */
public final class Invocations {
  private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<StoreWait> WAIT = new ThreadLocal<>();

  private Invocations() {}

  private static final class Counter {
    final LongAdder invocations = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAdder billedMillis = new LongAdder();
    final LongAdder storeNanos = new LongAdder();
    final LongAdder withStoreCalls = new LongAdder();
    final LongAdder modelledBilledMillis = new LongAdder();
    volatile int memoryMb;
  }

  /** What the current invocation's own thread waited on AWS calls, measured and modelled. */
  private static final class StoreWait {
    long calls;
    long nanos;
    long modelledNanos;
  }

  /**
   * One function's invocations between two snapshots.
   *
   * @param storeNanos wall time the handlers' own threads were blocked on AWS calls
   * @param withStoreCalls invocations whose own thread made at least one AWS call (for the sender:
   *     the batches of one group, delivered on the handler's thread rather than on lanes)
   * @param modelledBilledMillis billed duration with those waits at the modelled latency
   */
  public record Count(
      String functionId,
      long invocations,
      long nanos,
      long billedMillis,
      int memoryMb,
      long storeNanos,
      long withStoreCalls,
      long modelledBilledMillis) {

    /** Without store waits (nothing modelled): modelled billing equals the measured one. */
    public Count(String functionId, long invocations, long nanos, long billedMillis, int memoryMb) {
      this(functionId, invocations, nanos, billedMillis, memoryMb, 0, 0, billedMillis);
    }

    Count minus(Count before) {
      return before == null
          ? this
          : new Count(
              functionId,
              invocations - before.invocations,
              nanos - before.nanos,
              billedMillis - before.billedMillis,
              memoryMb,
              storeNanos - before.storeNanos,
              withStoreCalls - before.withStoreCalls,
              modelledBilledMillis - before.modelledBilledMillis);
    }
  }

  /** The function whose handler runs on this thread, or null (a pool thread, the runtime). */
  public static String current() {
    return CURRENT.get();
  }

  /**
   * An AWS call the current invocation's thread made: {@code nanos} waited, {@code modelledNanos}
   * the real service is modelled to take. Ignored on threads running no invocation.
   */
  public static void storeCall(long nanos, long modelledNanos) {
    StoreWait wait = WAIT.get();
    if (wait != null) {
      wait.calls++;
      wait.nanos += nanos;
      wait.modelledNanos += modelledNanos;
    }
  }

  static void enter(String functionId) {
    CURRENT.set(functionId);
    WAIT.set(new StoreWait());
  }

  static void leave() {
    CURRENT.remove();
  }

  static void record(String functionId, int memoryMb, long nanos) {
    StoreWait wait = WAIT.get();
    WAIT.remove();
    long storeNanos = wait == null ? 0 : wait.nanos;
    long modelledNanos = wait == null ? nanos : nanos - wait.nanos + wait.modelledNanos;
    Counter counter = COUNTERS.computeIfAbsent(functionId, id -> new Counter());
    counter.memoryMb = memoryMb;
    counter.invocations.increment();
    counter.nanos.add(nanos);
    counter.billedMillis.add(billedMillis(nanos));
    counter.storeNanos.add(storeNanos);
    if (wait != null && wait.calls > 0) {
      counter.withStoreCalls.increment();
    }
    counter.modelledBilledMillis.add(billedMillis(modelledNanos));
  }

  /** Lambda bills each invocation's duration rounded up to the millisecond, at least 1 ms. */
  static long billedMillis(long nanos) {
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }

  /** The counts so far, by function id. */
  public static Map<String, Count> snapshot() {
    Map<String, Count> counts = new TreeMap<>();
    COUNTERS.forEach(
        (id, c) ->
            counts.put(
                id,
                new Count(
                    id,
                    c.invocations.sum(),
                    c.nanos.sum(),
                    c.billedMillis.sum(),
                    c.memoryMb,
                    c.storeNanos.sum(),
                    c.withStoreCalls.sum(),
                    c.modelledBilledMillis.sum())));
    return counts;
  }

  /** What was invoked between {@code before} and {@code after}, functions invoked only. */
  public static Map<String, Count> between(Map<String, Count> before, Map<String, Count> after) {
    Map<String, Count> delta = new TreeMap<>();
    after.forEach(
        (id, count) -> {
          Count difference = count.minus(before.get(id));
          if (difference.invocations() > 0) {
            delta.put(id, difference);
          }
        });
    return delta;
  }
}
