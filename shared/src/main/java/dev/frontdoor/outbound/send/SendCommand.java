package dev.frontdoor.outbound.send;

import java.util.Optional;

/**
 * A send as the API client made it: who asked, its {@code Idempotency-Key} if any, and the JSON
 * body as received. The use case validates all three before anything is stored. {@code
 * summaryOfCallId} names the call a summary message is about; only Frontdoor's own summaries set
 * it, never the API's body, so analytics can tell summaries from replies.
 */
public record SendCommand(
    String apiClient,
    Optional<String> idempotencyKey,
    byte[] body,
    Optional<String> summaryOfCallId) {

  /** A send from an API client: never a call summary. */
  public SendCommand(String apiClient, Optional<String> idempotencyKey, byte[] body) {
    this(apiClient, idempotencyKey, body, Optional.empty());
  }
}
