package dev.frontdoor.voice;

/**
 * What checking a voice provider's webhook signature found, on the request as received and before
 * any of it is trusted. The HTTP layer maps {@link #MISSING} to 401 and {@link #INVALID} or {@link
 * #STALE} to 403.
 */
public enum VoiceSignatureResult {
  /** Signed with one of the configured secrets, over exactly this request, recently enough. */
  VALID,
  /** No signature header at all (or a blank one): the caller did not try to sign. */
  MISSING,
  /** A signature that is malformed or matches under none of the configured secrets. */
  INVALID,
  /** Correctly signed but dated outside the tolerance: a replay, or a badly skewed clock. */
  STALE
}
