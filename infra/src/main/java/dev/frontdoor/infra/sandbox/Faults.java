package dev.frontdoor.infra.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fault injection for tests: the next requests, whatever they are, misbehave in a given way. Faults
 * queue up in the order they were added; each applies to its number of requests, then the next.
 */
public final class Faults {
  /** How one request misbehaves. */
  public sealed interface Fault permits Error, Delay, Disconnect {}

  /** Answer {@code httpStatus} with a Meta error body of {@code code} and {@code message}. */
  public record Error(int httpStatus, int code, String message) implements Fault {}

  /** Wait, then handle the request as usual. */
  public record Delay(Duration duration) implements Fault {}

  /** Close the connection without answering. */
  public record Disconnect() implements Fault {}

  private static final class Pending {
    final Fault fault;
    int remaining;

    Pending(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final Deque<Pending> queue = new ArrayDeque<>();
  private final Map<String, Integer> injected = new TreeMap<>();
  private List<Fault> background = List.of();
  private double backgroundShare;
  private Random random = new Random(0);

  /** The next {@code requests} requests (after those already faulted) get {@code fault}. */
  public synchronized Faults next(int requests, Fault fault) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1");
    }
    queue.addLast(new Pending(fault, requests));
    return this;
  }

  public Faults failNext(int requests, int httpStatus, int code, String message) {
    return next(requests, new Error(httpStatus, code, message));
  }

  public Faults delayNext(int requests, Duration delay) {
    return next(requests, new Delay(delay));
  }

  public Faults disconnectNext(int requests) {
    return next(requests, new Disconnect());
  }

  /**
   * Besides the queued faults: each request, with probability {@code share}, gets one of {@code
   * kinds} (uniformly, from a seeded generator, so a run can be repeated).
   */
  public synchronized Faults randomly(double share, long seed, List<Fault> kinds) {
    this.background = List.copyOf(kinds);
    this.backgroundShare = share;
    this.random = new Random(seed);
    return this;
  }

  /** Faults applied so far by kind (error code, {@code delay}, {@code disconnect}). */
  public synchronized Map<String, Integer> injected() {
    return new TreeMap<>(injected);
  }

  public synchronized void clear() {
    queue.clear();
    background = List.of();
  }

  public synchronized int pending() {
    return queue.stream().mapToInt(p -> p.remaining).sum();
  }

  /** The fault for the request now arriving, or null. */
  synchronized Fault take() {
    Fault fault = next();
    if (fault != null) {
      injected.merge(kind(fault), 1, Integer::sum);
    }
    return fault;
  }

  private Fault next() {
    Pending head = queue.peekFirst();
    if (head == null) {
      if (!background.isEmpty() && random.nextDouble() < backgroundShare) {
        return background.get(random.nextInt(background.size()));
      }
      return null;
    }
    if (--head.remaining == 0) {
      queue.pollFirst();
    }
    return head.fault;
  }

  private static String kind(Fault fault) {
    if (fault instanceof Error error) {
      return error.httpStatus() + "/" + error.code();
    }
    return fault instanceof Delay ? "late_answer" : "disconnect";
  }
}
