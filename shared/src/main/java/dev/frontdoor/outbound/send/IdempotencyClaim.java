package dev.frontdoor.outbound.send;

import java.util.Optional;

/**
 * The state of an {@code Idempotency-Key}: new (this request owns it), or already used, with the
 * hash of the request that used it, its message id, and its answer once complete.
 */
public record IdempotencyClaim(
    boolean isNew, String requestHash, String messageId, Optional<SendOutcome> answer) {}
