package dev.frontdoor.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Cloud API webhook bodies in Meta's wire format, for scenarios that need many distinct ones. */
final class Webhooks {
  static final String PHONE_NUMBER_ID = "106540352242922";

  private Webhooks() {}

  static byte[] text(String wamid, String waId, long seconds, String body) {
    return text(PHONE_NUMBER_ID, wamid, waId, seconds, body, "Test Customer");
  }

  /** A text to one of the business's numbers, from a customer with this profile name. */
  static byte[] text(
      String phoneNumberId,
      String wamid,
      String waId,
      long seconds,
      String body,
      String profileName) {
    ObjectNode value = value(phoneNumberId);
    value
        .putArray("contacts")
        .addObject()
        .put("wa_id", waId)
        .putObject("profile")
        .put("name", profileName);
    ObjectNode message = value.putArray("messages").addObject();
    message
        .put("from", waId)
        .put("id", wamid)
        .put("timestamp", Long.toString(seconds))
        .put("type", "text");
    message.putObject("text").put("body", body);
    return envelope(value);
  }

  /** An image message from a customer: Meta's media id, mime type and sha256 (base64, as Meta). */
  static byte[] image(
      String wamid, String waId, long seconds, String mediaId, String sha256, String caption) {
    ObjectNode value = value(PHONE_NUMBER_ID);
    value
        .putArray("contacts")
        .addObject()
        .put("wa_id", waId)
        .putObject("profile")
        .put("name", "Test Customer");
    ObjectNode message = value.putArray("messages").addObject();
    message
        .put("from", waId)
        .put("id", wamid)
        .put("timestamp", Long.toString(seconds))
        .put("type", "image");
    message
        .putObject("image")
        .put("caption", caption)
        .put("mime_type", "image/jpeg")
        .put("sha256", sha256)
        .put("id", mediaId);
    return envelope(value);
  }

  /**
   * A customer's answer to a call permission request: built, not published (see WebhookParserTest
   * for the shape's sources); {@code expiresS} is omitted when null.
   */
  static byte[] callPermissionReply(
      String wamid, String waId, long seconds, String response, boolean permanent, Long expiresS) {
    ObjectNode value = value(PHONE_NUMBER_ID);
    ObjectNode message = value.putArray("messages").addObject();
    message
        .put("from", waId)
        .put("id", wamid)
        .put("timestamp", Long.toString(seconds))
        .put("type", "interactive");
    ObjectNode interactive = message.putObject("interactive").put("type", "call_permission_reply");
    ObjectNode reply =
        interactive
            .putObject("call_permission_reply")
            .put("response", response)
            .put("is_permanent", permanent)
            .put("response_source", "user_action");
    if (expiresS != null) {
      reply.put("expiration_timestamp", expiresS);
    }
    return envelope(value);
  }

  static byte[] status(String wamid, String status, String recipient, long seconds) {
    ObjectNode value = value(PHONE_NUMBER_ID);
    ObjectNode entry = value.putArray("statuses").addObject();
    entry.put("id", wamid).put("status", status).put("timestamp", Long.toString(seconds));
    entry.put("recipient_id", recipient);
    if (status.equals("failed")) {
      entry
          .putArray("errors")
          .addObject()
          .put("code", 131026)
          .put("title", "Message undeliverable");
    } else {
      entry
          .putObject("pricing")
          .put("billable", true)
          .put("pricing_model", "PMP")
          .put("category", "utility");
    }
    return envelope(value);
  }

  /** One webhook carrying every change of {@code bodies} (Meta batches entries and changes). */
  static byte[] combined(byte[]... bodies) {
    try {
      ObjectNode root = (ObjectNode) InboundGateway.JSON.readTree(bodies[0]);
      ArrayNode changes = (ArrayNode) root.path("entry").path(0).path("changes");
      for (int i = 1; i < bodies.length; i++) {
        for (var change :
            InboundGateway.JSON.readTree(bodies[i]).path("entry").path(0).path("changes")) {
          changes.add(change);
        }
      }
      return root.toString().getBytes(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ObjectNode value(String phoneNumberId) {
    ObjectNode value = InboundGateway.JSON.createObjectNode();
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "27105550100")
        .put("phone_number_id", phoneNumberId);
    return value;
  }

  private static byte[] envelope(ObjectNode value) {
    ObjectNode root = InboundGateway.JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ArrayNode entries = root.putArray("entry");
    ObjectNode entry = entries.addObject();
    entry.put("id", "419561257915477");
    ObjectNode change = entry.putArray("changes").addObject();
    change.set("value", value);
    change.put("field", "messages");
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
