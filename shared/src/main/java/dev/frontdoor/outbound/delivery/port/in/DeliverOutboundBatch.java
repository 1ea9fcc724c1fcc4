package dev.frontdoor.outbound.delivery.port.in;

import dev.frontdoor.outbound.delivery.BatchOutcome;
import dev.frontdoor.outbound.delivery.OutboundBatch;

/**
 * Sends a batch of outbound queue records: each customer's in order, customers side by side; says
 * which records are not done, so the queue hands them out again.
 */
public interface DeliverOutboundBatch {
  BatchOutcome deliver(OutboundBatch batch);
}
