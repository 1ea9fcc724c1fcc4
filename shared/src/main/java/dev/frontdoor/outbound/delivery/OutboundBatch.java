package dev.frontdoor.outbound.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One batch of outbound queue records, in the queue's order, and how long the function has left to
 * handle it.
 */
public record OutboundBatch(List<QueuedRecord> records, Duration timeLeft) {

  public OutboundBatch {
    records = List.copyOf(records);
    Objects.requireNonNull(timeLeft, "timeLeft");
  }
}
