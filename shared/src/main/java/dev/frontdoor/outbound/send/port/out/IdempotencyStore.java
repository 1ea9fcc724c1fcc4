package dev.frontdoor.outbound.send.port.out;

import dev.frontdoor.outbound.send.IdempotencyClaim;
import dev.frontdoor.outbound.send.SendOutcome;
import java.time.Instant;

/** The send API's {@code Idempotency-Key} records (docs/data-model.md, 7), kept 24 hours. */
public interface IdempotencyStore {

  /** Claims the key for this request (new, or expired), or returns how it was used before. */
  IdempotencyClaim claimIdempotencyKey(
      String apiClient, String key, String requestHash, String messageId, Instant now);

  void completeIdempotencyKey(String apiClient, String key, SendOutcome answer);
}
