package dev.frontdoor.voice;

/** What became of a call-event webhook, as reasons the handler maps to HTTP. */
public sealed interface CallIngestOutcome {

  /** The event is in the customer's thread ({@code isNew} false for a provider's retry). */
  record Stored(boolean isNew, String callId) implements CallIngestOutcome {}

  /**
   * A valid event that changes no call (a recording, machine detection, a chat contact) or whose
   * customer cannot be found: kept as a raw event, acknowledged so the provider stops retrying.
   */
  record Kept(String reason) implements CallIngestOutcome {}

  record Refused(Why why, String reason) implements CallIngestOutcome {}

  enum Why {
    NOT_CONFIGURED,
    BODY_TOO_LARGE,
    SIGNATURE_MISSING,
    SIGNATURE_INVALID,
    SIGNATURE_STALE,
    MALFORMED
  }
}
