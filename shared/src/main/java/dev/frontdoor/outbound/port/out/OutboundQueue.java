package dev.frontdoor.outbound.port.out;

/**
 * The queue the sender drains. One group per customer keeps each customer's messages in order; the
 * message id is the deduplication id, so a retried enqueue is not a second send.
 */
public interface OutboundQueue {
  void enqueue(String messageId, String group);
}
