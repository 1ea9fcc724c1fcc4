package dev.frontdoor.inbound;

/**
 * One delivery as it reached the gateway: the raw body bytes (exactly as signed), the {@code
 * X-Hub-Signature-256} header and the content type; either header may be null.
 */
public record WebhookDelivery(byte[] body, String signature, String contentType) {}
