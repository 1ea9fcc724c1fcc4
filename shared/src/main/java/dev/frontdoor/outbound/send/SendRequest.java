package dev.frontdoor.outbound.send;

import dev.frontdoor.common.CustomerNumber;
import java.util.Map;
import java.util.Optional;

/**
 * A validated request to send one WhatsApp message: to whom, from which business number, and the
 * Graph API message object (without {@code to} and {@code messaging_product}, which the sender
 * adds). {@code preview} is the readable text kept in the thread; {@code agent} who acted, when the
 * request names one (otherwise the API client did); {@code summaryOfCallId} the call a summary
 * message is about (Frontdoor's own summaries only).
 */
public record SendRequest(
    CustomerNumber customer,
    String businessNumberId,
    String type,
    Map<String, Object> message,
    String preview,
    String canonicalJson,
    Optional<String> agent,
    Optional<String> summaryOfCallId) {

  /** A request that names no agent (the API client acted) and summarises no call. */
  public SendRequest(
      CustomerNumber customer,
      String businessNumberId,
      String type,
      Map<String, Object> message,
      String preview,
      String canonicalJson) {
    this(
        customer,
        businessNumberId,
        type,
        message,
        preview,
        canonicalJson,
        Optional.empty(),
        Optional.empty());
  }

  /** The same request, marked as the summary of call {@code callId}. */
  public SendRequest summarizing(Optional<String> callId) {
    return new SendRequest(
        customer, businessNumberId, type, message, preview, canonicalJson, agent, callId);
  }

  /** Who acted: the named agent, else the API client that asked. */
  public String agentOr(String apiClient) {
    return agent.orElse(apiClient);
  }

  public boolean isTemplate() {
    return type.equals("template");
  }
}
