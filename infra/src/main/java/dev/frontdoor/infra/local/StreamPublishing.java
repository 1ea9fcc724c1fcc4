package dev.frontdoor.infra.local;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the local table stream handed to the integration event publisher, counted for {@code
 * bin/gateway bench cost}: in AWS these records invoke the stream publisher function (in batches)
 * and its events are billed by EventBridge, so the cost of a path includes them.
 */
public final class StreamPublishing {
  private final LongAdder records = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  /**
   * Totals so far.
   *
   * @param records stream records delivered to the publisher (those its event source's filter
   *     passes: in AWS only they invoke it)
   * @param events integration events published
   * @param nanos time the publisher spent mapping and handing them over, locally
   */
  public record Totals(long records, long events, long nanos) {
    public Totals minus(Totals before) {
      return new Totals(records - before.records, events - before.events, nanos - before.nanos);
    }
  }

  void record(long records, long events, long nanos) {
    this.records.add(records);
    this.events.add(events);
    this.nanos.add(nanos);
  }

  public Totals totals() {
    return new Totals(records.sum(), events.sum(), nanos.sum());
  }
}
