package dev.frontdoor.infra.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many times each local function was invoked and for how long (wall time inside the handler, on
 * this machine's CPU), as Lambda would bill them: duration rounded up to the millisecond per
 * invocation. Counted in every local gateway of this JVM; read by {@code bin/gateway bench cost}.
 */
public final class Invocations {
  private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private Invocations() {}

  private static final class Counter {
    final LongAdder invocations = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAdder billedMillis = new LongAdder();
    volatile int memoryMb;
  }

  /** One function's invocations between two snapshots. */
  public record Count(
      String functionId, long invocations, long nanos, long billedMillis, int memoryMb) {
    Count minus(Count before) {
      return before == null
          ? this
          : new Count(
              functionId,
              invocations - before.invocations,
              nanos - before.nanos,
              billedMillis - before.billedMillis,
              memoryMb);
    }
  }

  /** The function whose handler runs on this thread, or null (a pool thread, the runtime). */
  public static String current() {
    return CURRENT.get();
  }

  static void enter(String functionId) {
    CURRENT.set(functionId);
  }

  static void leave() {
    CURRENT.remove();
  }

  static void record(String functionId, int memoryMb, long nanos) {
    Counter counter = COUNTERS.computeIfAbsent(functionId, id -> new Counter());
    counter.memoryMb = memoryMb;
    counter.invocations.increment();
    counter.nanos.add(nanos);
    counter.billedMillis.add((nanos + 999_999) / 1_000_000);
  }

  /** The counts so far, by function id. */
  public static Map<String, Count> snapshot() {
    Map<String, Count> counts = new TreeMap<>();
    COUNTERS.forEach(
        (id, c) ->
            counts.put(
                id,
                new Count(
                    id, c.invocations.sum(), c.nanos.sum(), c.billedMillis.sum(), c.memoryMb)));
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
