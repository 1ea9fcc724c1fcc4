package dev.frontdoor.threads;

import dev.frontdoor.common.CustomerNumber;
import java.util.Map;
import java.util.Optional;

/**
 * A call as stored on the customer's thread (docs/data-model.md 5.8): Frontdoor's id, the
 * provider's, the milestones that events in any order converge on, the wrap-up filed for it and its
 * summary, once one was sent.
 *
 * @param businessNumberId the WhatsApp {@code phone_number_id} of a WhatsApp call, else null
 * @param wrapUp the filed wrap-up as stored (voice's fields), empty when none
 * @param summary the summary's state (draft, sent, not sent and why), empty when none
 */
public record CallRecord(
    String callId,
    CustomerNumber customer,
    String sortKey,
    String provider,
    String providerCallId,
    String direction,
    String businessNumberId,
    Long startedAt,
    Long answeredAt,
    Long endedAt,
    String outcome,
    Long durationSeconds,
    String agent,
    Map<String, Object> wrapUp,
    Map<String, Object> summary) {

  public CallRecord {
    wrapUp = wrapUp == null ? Map.of() : Map.copyOf(wrapUp);
    summary = summary == null ? Map.of() : Map.copyOf(summary);
  }

  public boolean ended() {
    return endedAt != null;
  }

  public boolean hasWrapUp() {
    return !wrapUp.isEmpty();
  }

  /** The id of the summary message, once a summary was queued. */
  public Optional<String> summaryMessageId() {
    return Optional.ofNullable((String) summary.get("message_id"));
  }

  /** When the call began: its first milestone, else the time in its sort key. */
  public long startedAtOrFirstSeen() {
    if (startedAt != null) {
      return startedAt;
    }
    String time = sortKey.substring(3, sortKey.indexOf('#', 3));
    return Long.parseLong(time);
  }
}
