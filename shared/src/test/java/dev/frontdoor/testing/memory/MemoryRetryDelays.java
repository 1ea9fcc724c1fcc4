package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.delivery.port.out.RetryDelays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** {@link RetryDelays} in memory: the last delay set on each receipt. */
public final class MemoryRetryDelays implements RetryDelays {
  private final Map<String, Integer> seconds = new HashMap<>();

  @Override
  public synchronized void delay(String receipt, int seconds) {
    this.seconds.put(receipt, seconds);
  }

  public synchronized OptionalInt of(String receipt) {
    Integer delay = seconds.get(receipt);
    return delay == null ? OptionalInt.empty() : OptionalInt.of(delay);
  }
}
