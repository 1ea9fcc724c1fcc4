package dev.frontdoor.inbound.port.in;

import dev.frontdoor.inbound.IngestOutcome;
import dev.frontdoor.inbound.WebhookDelivery;

/** {@code POST /webhooks/whatsapp}: verify, parse and durably store one Meta delivery. */
public interface IngestWhatsAppWebhook {
  IngestOutcome ingest(WebhookDelivery delivery);
}
