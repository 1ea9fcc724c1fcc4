package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;

/** Graph API error bodies: {@code {"error":{"message","type","code",...,"fbtrace_id"}}}. */
final class MetaErrors {
  static final int INVALID_PARAMETER = 100;
  static final int ACCESS_TOKEN = 190;
  static final int THROUGHPUT = 130429;
  static final int PAIR_RATE = 131056;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();

  private MetaErrors() {}

  static ObjectNode invalidToken() {
    return error(ACCESS_TOKEN, "Invalid OAuth access token - Cannot parse access token");
  }

  static ObjectNode invalidParameter(String message, String details) {
    ObjectNode body = error(INVALID_PARAMETER, "(#100) " + message);
    ObjectNode data =
        NODES.objectNode().put("messaging_product", "whatsapp").put("details", details);
    ((ObjectNode) body.get("error")).set("error_data", data);
    return body;
  }

  static ObjectNode unsupportedRequest(String method, String path) {
    ObjectNode body =
        error(
            INVALID_PARAMETER,
            "Unsupported "
                + method.toLowerCase(java.util.Locale.ROOT)
                + " request. Object with ID '"
                + path
                + "' does not exist, cannot be loaded due to missing permissions, or does"
                + " not support this operation.");
    ((ObjectNode) body.get("error")).put("error_subcode", 33);
    return body;
  }

  static ObjectNode throughput() {
    return withDetails(
        error(THROUGHPUT, "(#130429) Rate limit hit"),
        "Cloud API message throughput has been reached.");
  }

  static ObjectNode pairRate() {
    return withDetails(
        error(PAIR_RATE, "(#131056) (Business Account, Consumer Account) pair rate limit hit"),
        "Message failed to send because there were too many messages sent from this phone number"
            + " to the same phone number in a short period of time.");
  }

  /** Any Meta error: {@code code} with its {@code message}, as an OAuthException. */
  static ObjectNode error(int code, String message) {
    ObjectNode error =
        NODES
            .objectNode()
            .put("message", message)
            .put("type", "OAuthException")
            .put("code", code)
            .put("fbtrace_id", traceId());
    ObjectNode body = NODES.objectNode();
    body.set("error", error);
    return body;
  }

  private static ObjectNode withDetails(ObjectNode body, String details) {
    ObjectNode data =
        NODES.objectNode().put("messaging_product", "whatsapp").put("details", details);
    ObjectNode error = (ObjectNode) body.get("error");
    error.set("error_data", data);
    return body;
  }

  private static String traceId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
  }
}
