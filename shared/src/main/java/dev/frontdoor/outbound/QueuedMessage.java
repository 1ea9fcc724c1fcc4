package dev.frontdoor.outbound;

import dev.frontdoor.common.PhoneNumberId;
import dev.frontdoor.threads.MessageRef;
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
    long leaseUntil,
    int attempts) {

  public QueuedMessage {
    // Messages queued before numbers were canonical share their number's schedule and pacing too.
    businessNumberId = PhoneNumberId.canonicalOf(businessNumberId);
  }

  /** A template: a business-initiated message, which an opted-out customer must not get. */
  public boolean isTemplate() {
    return "template".equals(payload.get("type"));
  }

  /**
   * A claim that expired without an outcome: its attempt died, maybe after Meta accepted. (A
   * message dead-lettered meanwhile keeps the lease it found.)
   */
  public boolean abandoned(long nowMillis) {
    return (status.equals("sending") || status.equals("dead_lettered"))
        && leaseUntil > 0
        && leaseUntil < nowMillis;
  }

  /**
   * An attempt's request may have reached Meta without an answer, and no wamid came since: also
   * after the message was dead-lettered in that state and redriven.
   */
  public boolean outcomeUnknown() {
    return status.equals("unknown") || (status.equals("dead_lettered") && unknownAt > 0);
  }
}
