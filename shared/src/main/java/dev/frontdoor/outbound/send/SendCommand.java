package dev.frontdoor.outbound.send;

import java.util.Optional;

/**
 * A send as the API client made it: who asked, its {@code Idempotency-Key} if any, and the JSON
 * body as received. The use case validates all three before anything is stored.
 */
public record SendCommand(String apiClient, Optional<String> idempotencyKey, byte[] body) {}
