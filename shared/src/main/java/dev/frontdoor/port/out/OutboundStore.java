package dev.frontdoor.port.out;

import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.outbound.IdempotencyClaim;
import dev.frontdoor.domain.outbound.SendOutcome;
import dev.frontdoor.domain.outbound.SendRequest;
import dev.frontdoor.domain.outbound.ThreadState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The writes and reads of the send API (docs/data-model.md, 7 and 9.4). Idempotent like the inbound
 * store; failures are {@link dev.frontdoor.domain.thread.StoreUnavailableException}.
 */
public interface OutboundStore {

  /** Claims the key for this request (new), or returns how it was used before. */
  IdempotencyClaim claimIdempotencyKey(
      String apiClient, String key, String requestHash, String messageId, Instant now);

  void completeIdempotencyKey(String apiClient, String key, SendOutcome answer);

  /** The service window with this business number, and the opt-out; strongly consistent. */
  ThreadState threadState(CustomerNumber customer, String businessNumberId, Instant now);

  /** Records the message as {@code queued} (insert-once) with its {@code MSG#} lookup. */
  void putQueuedMessage(
      String messageId,
      SendRequest request,
      String apiClient,
      Optional<String> idempotencyKey,
      Instant createdAt);

  /** A message's public view by Frontdoor id: status, first-seen times, error, wamid. */
  Optional<Map<String, Object>> messageView(String messageId, Instant now);
}
