package dev.frontdoor.inbound.port.in;

import dev.frontdoor.inbound.SubscriptionAnswer;
import dev.frontdoor.inbound.SubscriptionRequest;

/** Meta's webhook verification handshake ({@code GET /webhooks/whatsapp}). */
public interface VerifyWebhookSubscription {
  SubscriptionAnswer verify(SubscriptionRequest request);
}
