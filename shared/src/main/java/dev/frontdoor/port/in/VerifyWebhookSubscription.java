package dev.frontdoor.port.in;

import dev.frontdoor.domain.webhook.SubscriptionAnswer;
import dev.frontdoor.domain.webhook.SubscriptionRequest;

/** Meta's webhook verification handshake ({@code GET /webhooks/whatsapp}). */
public interface VerifyWebhookSubscription {
  SubscriptionAnswer verify(SubscriptionRequest request);
}
