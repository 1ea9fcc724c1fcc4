package dev.frontdoor.voice.port.in;

import dev.frontdoor.voice.CallIngestOutcome;
import dev.frontdoor.voice.CallWebhook;

/**
 * A voice provider's call event (Twilio, Vonage, Amazon Connect, any Standard Webhooks provider):
 * verified on the raw bytes, parsed, and stored in the customer's one thread.
 */
public interface IngestCallEvent {
  CallIngestOutcome ingest(CallWebhook webhook);
}
