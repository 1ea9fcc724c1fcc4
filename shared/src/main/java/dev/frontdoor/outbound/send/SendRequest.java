package dev.frontdoor.outbound.send;

import dev.frontdoor.common.CustomerNumber;
import java.util.Map;

/**
 * A validated request to send one WhatsApp message: to whom, from which business number, and the
 * Graph API message object (without {@code to} and {@code messaging_product}, which the sender
 * adds). {@code preview} is the readable text kept in the thread.
 */
public record SendRequest(
    CustomerNumber customer,
    String businessNumberId,
    String type,
    Map<String, Object> message,
    String preview,
    String canonicalJson) {

  public boolean isTemplate() {
    return type.equals("template");
  }
}
