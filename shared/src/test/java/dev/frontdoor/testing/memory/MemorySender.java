package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.delivery.QueuedMessageSender;
import dev.frontdoor.outbound.delivery.SenderSettings;
import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.threads.StatusApplier;

/**
 * The sender's use case over in-memory ports, on a {@link ManualClock}: the limiter's schedule is
 * fine enough that no send waits, and pair pacing is off unless the settings turn it on.
 */
public final class MemorySender {
  public final ManualClock clock = new ManualClock(MemorySenderStore.QUEUED_AT);
  public final MemorySenderStore store = new MemorySenderStore();
  public final MemoryGraphApi graph = new MemoryGraphApi();
  public final MemoryDeadLetters deadLetters = new MemoryDeadLetters();
  public final MemoryRateLeases rateLeases = new MemoryRateLeases();
  public final InMemoryStores stores = new InMemoryStores();
  public final SenderSettings settings;
  public final QueuedMessageSender sender;

  public MemorySender() {
    this(SenderSettings.defaults().withPairRate(0, 1));
  }

  public MemorySender(SenderSettings settings) {
    this.settings = settings;
    this.sender =
        new QueuedMessageSender(
            store,
            graph,
            new StatusApplier(stores.messages(), stores.statuses()),
            new ThroughputLimiter(rateLeases, clock, 1_000_000, 1),
            deadLetters,
            clock,
            settings);
  }
}
