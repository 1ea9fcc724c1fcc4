package dev.frontdoor.infra.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages per second per sending phone number id, over any one-second window (a sliding log of
 * accepted send times). Not thread-safe: {@link SandboxGraphApi} calls it under one lock.
 */
final class ThroughputWindow {
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private final int limit;
  private final Map<String, Deque<Instant>> sends = new HashMap<>();

  ThroughputWindow(int limit) {
    this.limit = limit;
  }

  boolean allows(String phoneNumberId, Instant now) {
    Deque<Instant> times = sends.get(phoneNumberId);
    if (times == null) {
      return true;
    }
    Instant horizon = now.minus(WINDOW);
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
      times.pollFirst();
    }
    return times.size() < limit;
  }

  void record(String phoneNumberId, Instant now) {
    sends.computeIfAbsent(phoneNumberId, id -> new ArrayDeque<>()).addLast(now);
  }
}
