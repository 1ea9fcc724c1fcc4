package dev.frontdoor.inbound;

/** What ingest answers a delivery. */
public sealed interface IngestOutcome {

  /** Everything in the delivery is durable; {@code duplicates} were already stored. */
  record Stored(int stored, int duplicates) implements IngestOutcome {}

  /** Refused before anything was stored; the status is the HTTP answer (4xx). */
  record Refused(int status, String reason) implements IngestOutcome {}
}
