package dev.frontdoor.inbound;

import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.WhatsAppCallEvent;
import java.util.List;

/** Everything one webhook delivery carried, in the order Meta sent it. */
public record WebhookBatch(
    List<InboundMessage> messages,
    List<StatusUpdate> statuses,
    List<WhatsAppCallEvent> calls,
    List<RawEvent> rawEvents) {

  public int size() {
    return messages.size() + statuses.size() + calls.size() + rawEvents.size();
  }
}
