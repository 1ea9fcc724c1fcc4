package dev.frontdoor.port.in;

import dev.frontdoor.domain.whatsapp.IngestOutcome;
import dev.frontdoor.domain.whatsapp.WebhookDelivery;

/** {@code POST /webhooks/whatsapp}: verify, parse and durably store one Meta delivery. */
public interface IngestWhatsAppWebhook {
  IngestOutcome ingest(WebhookDelivery delivery);
}
