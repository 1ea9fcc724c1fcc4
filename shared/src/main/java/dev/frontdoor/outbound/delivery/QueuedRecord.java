package dev.frontdoor.outbound.delivery;

import java.util.Objects;
import java.util.Optional;

/**
 * One record of the outbound queue as the sender received it.
 *
 * @param recordId the queue's id of the record, which a failure names
 * @param receipt the queue's handle for changing when the record comes back
 * @param messageId the outbound message it carries; empty when its body is not one of ours
 * @param group the record's message group (one customer)
 * @param receiveCount how many times the queue has handed it out, this time included
 */
public record QueuedRecord(
    String recordId, String receipt, Optional<String> messageId, String group, int receiveCount) {

  public QueuedRecord {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(group, "group");
  }
}
