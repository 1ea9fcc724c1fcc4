package dev.frontdoor.inbound;

/**
 * The three query parameters of Meta's verification request: {@code hub.mode}, {@code
 * hub.verify_token} and {@code hub.challenge}. Any may be absent (null); the use case decides.
 */
public record SubscriptionRequest(String mode, String verifyToken, String challenge) {}
