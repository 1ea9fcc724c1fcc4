package dev.frontdoor.voice;

import java.util.Map;

/**
 * What became of a wrap-up or a summary approval, as a reason for the handler to map to HTTP, with
 * the call's id and its summary as now stored (state, text, message id, ...).
 */
public record WrapUpOutcome(
    Reason reason, String message, String callId, Map<String, Object> summary) {

  public WrapUpOutcome {
    summary = summary == null ? Map.of() : Map.copyOf(summary);
  }

  public enum Reason {
    /** Filed; the summary follows when the call ends. */
    FILED,
    /** Filed for review: the answer carries the draft, nothing is sent until it is approved. */
    DRAFTED,
    /** The summary is queued to the customer (now, or earlier by another event). */
    SUMMARY_QUEUED,
    /** Filed, but no summary can be sent (opted out outside the window, no template, ...). */
    SUMMARY_NOT_SENT,
    INVALID,
    CALL_NOT_FOUND,
    /** An approval for a call with no draft awaiting one. */
    NO_DRAFT
  }

  static WrapUpOutcome refused(Reason reason, String message) {
    return new WrapUpOutcome(reason, message, null, Map.of());
  }
}
