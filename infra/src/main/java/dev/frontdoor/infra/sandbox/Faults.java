package dev.frontdoor.infra.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

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

  public synchronized void clear() {
    queue.clear();
  }

  public synchronized int pending() {
    return queue.stream().mapToInt(p -> p.remaining).sum();
  }

  /** The fault for the request now arriving, or null. */
  synchronized Fault take() {
    Pending head = queue.peekFirst();
    if (head == null) {
      return null;
    }
    if (--head.remaining == 0) {
      queue.pollFirst();
    }
    return head.fault;
  }
}
