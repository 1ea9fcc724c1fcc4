package dev.frontdoor.threads;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A WhatsApp Business Calling event: {@code calls[]} (connect, terminate) or a call status ({@code
 * statuses[]} with {@code type: call}: ringing, accepted, rejected). The customer is the WhatsApp
 * user, whichever side started the call. {@code source} gives the entry's JSON as received.
 */
public record WhatsAppCallEvent(
    String callId,
    CustomerNumber customer,
    BusinessNumber business,
    String event,
    String status,
    String direction,
    long atMillis,
    Map<String, Object> details,
    Supplier<String> source) {

  public WhatsAppCallEvent {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Deterministic per delivery, so a repeated webhook stores the event once. */
  public String eventKey() {
    return event + "#" + (status == null ? "-" : status) + "#" + atMillis;
  }
}
