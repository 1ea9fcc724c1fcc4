package dev.frontdoor.inbound;

/** What ingest answers a delivery. */
public sealed interface IngestOutcome {

  /** Everything in the delivery is durable; {@code duplicates} were already stored. */
  record Stored(int stored, int duplicates) implements IngestOutcome {}

  /**
   * Refused before anything was stored, for {@code why}; {@code reason} says it in words. The
   * handler maps {@code why} to its HTTP answer.
   */
  record Refused(Why why, String reason) implements IngestOutcome {}

  /** Why a delivery was refused. */
  enum Why {
    /** The body is larger than ingest takes. */
    BODY_TOO_LARGE,
    /** The content type is not JSON. */
    NOT_JSON,
    /** No signature header. */
    SIGNATURE_MISSING,
    /** The signature does not match the body with any configured app secret. */
    SIGNATURE_INVALID,
    /** Signed, but not a webhook delivery this parser reads. */
    MALFORMED,
    /** Parsed, but an entry cannot be stored as it is. */
    UNSTORABLE
  }
}
