package dev.frontdoor.port.out;

import dev.frontdoor.domain.outbound.IdempotencyClaim;
import dev.frontdoor.domain.outbound.SendOutcome;
import java.time.Instant;

/** The send API's {@code Idempotency-Key} records (docs/data-model.md, 7), kept 24 hours. */
public interface IdempotencyStore {

  /** Claims the key for this request (new, or expired), or returns how it was used before. */
  IdempotencyClaim claimIdempotencyKey(
      String apiClient, String key, String requestHash, String messageId, Instant now);

  void completeIdempotencyKey(String apiClient, String key, SendOutcome answer);
}
