package dev.frontdoor.threads.port.out;

import dev.frontdoor.threads.CallRecord;
import java.time.Instant;

/**
 * What follows a stored call event, whoever stored it (the WhatsApp webhook, a voice provider's):
 * the voice capability sends the customer's summary once the call has ended and its wrap-up is
 * known. Ingest calls it after the event is durable; it must itself be idempotent.
 */
public interface CallFollowUp {
  CallFollowUp NONE = (call, now) -> {};

  void afterCallEvent(CallRecord call, Instant now);
}
