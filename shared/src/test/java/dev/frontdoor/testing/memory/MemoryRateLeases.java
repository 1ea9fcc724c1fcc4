package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.outbound.delivery.port.out.RateLeases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RateLeases} in memory: one schedule per business number. Pauses are recorded and applied,
 * so a test that sends after one waits out the pause: give such tests a short pause or none.
 */
public final class MemoryRateLeases implements RateLeases {
  private final Map<String, Long> nextFree = new HashMap<>();
  private final List<Long> pausesMicros = new ArrayList<>();

  @Override
  public synchronized long reserve(
      String phoneNumberId, int count, long intervalMicros, long nowMicros, long horizonMicros) {
    long first = Math.max(nowMicros, nextFree.getOrDefault(phoneNumberId, 0L));
    if (first > nowMicros + horizonMicros) {
      return ThroughputLimiter.BOOKED;
    }
    nextFree.put(phoneNumberId, first + count * intervalMicros);
    return first;
  }

  @Override
  public synchronized void pause(String phoneNumberId, long nowMicros, long pauseMicros) {
    pausesMicros.add(pauseMicros);
    nextFree.merge(phoneNumberId, nowMicros + pauseMicros, Math::max);
  }

  public synchronized List<Long> pausesMicros() {
    return List.copyOf(pausesMicros);
  }
}
