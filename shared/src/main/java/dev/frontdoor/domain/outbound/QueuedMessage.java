package dev.frontdoor.domain.outbound;

import dev.frontdoor.domain.thread.MessageRef;
import java.util.Map;
import java.util.Optional;

/** An outbound message as the sender finds it. */
public record QueuedMessage(
    String messageId,
    MessageRef ref,
    String businessNumberId,
    Map<String, Object> payload,
    String status,
    int statusRank,
    Optional<String> wamid,
    long unknownAt,
    long leaseUntil) {

  /** A claim that expired without an outcome: its attempt died, maybe after Meta accepted. */
  public boolean abandoned(long nowMillis) {
    return status.equals("sending") && leaseUntil > 0 && leaseUntil < nowMillis;
  }
}
