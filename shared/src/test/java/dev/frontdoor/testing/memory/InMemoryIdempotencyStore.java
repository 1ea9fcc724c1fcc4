package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.send.IdempotencyClaim;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.port.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link IdempotencyStore} in memory: a key is claimed once per 24 hours; an expired one is taken
 * over by exactly one claimer (as DynamoDbIdempotencyStore's one conditional write).
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private static final Duration TTL = Duration.ofHours(24);

  private final Map<String, Claim> claims = new ConcurrentHashMap<>();

  @Override
  public IdempotencyClaim claimIdempotencyKey(
      String apiClient, String key, String requestHash, String messageId, Instant now) {
    Claim mine = new Claim(requestHash, messageId, now.plus(TTL).getEpochSecond(), null);
    Claim held =
        claims.compute(
            apiClient + "#" + key,
            (k, old) -> old == null || old.expiresAt() <= now.getEpochSecond() ? mine : old);
    return held == mine
        ? new IdempotencyClaim(true, requestHash, messageId, Optional.empty())
        : new IdempotencyClaim(
            false, held.requestHash(), held.messageId(), Optional.ofNullable(held.answer()));
  }

  @Override
  public void completeIdempotencyKey(String apiClient, String key, SendOutcome answer) {
    claims.computeIfPresent(
        apiClient + "#" + key,
        (k, old) -> new Claim(old.requestHash(), old.messageId(), old.expiresAt(), answer));
  }

  private record Claim(String requestHash, String messageId, long expiresAt, SendOutcome answer) {}
}
