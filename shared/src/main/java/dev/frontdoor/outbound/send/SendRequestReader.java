package dev.frontdoor.outbound.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.AgentId;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.InvalidPhoneNumberException;
import dev.frontdoor.common.JsonObjects;
import dev.frontdoor.common.PhoneNumberId;
import dev.frontdoor.json.JsonTrees;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code POST /v1/messages}: {@code {"to": any spelling, "business_number_id"?: ..., "type":
 * "text", "text": {...}, "agent"?: ...}} with the type's object in Meta's own shape. Every refusal
 * names the field; limits follow Meta's (text body 4,096 characters, caption 1,024).
 */
public final class SendRequestReader {
  static final Set<String> FREE_FORM_TYPES =
      Set.of(
          "text",
          "image",
          "audio",
          "video",
          "document",
          "sticker",
          "interactive",
          "reaction",
          "location",
          "contacts");
  private static final Set<String> MEDIA_TYPES =
      Set.of("image", "audio", "video", "document", "sticker");
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final String defaultRegion;
  private final BusinessNumbers businessNumbers;

  public SendRequestReader(String defaultRegion, BusinessNumbers businessNumbers) {
    this.defaultRegion = defaultRegion;
    this.businessNumbers = businessNumbers;
  }

  public SendRequest read(byte[] body) {
    JsonNode root = JsonObjects.read(body, MAX_BODY_BYTES, InvalidSendRequestException::new);
    CustomerNumber customer = customer(root.path("to"));
    String businessNumberId = businessNumberId(root.path("business_number_id"));
    Optional<String> agent = agent(root.path("agent"));
    String type = text(root, "type");
    if (!type.equals("template") && !FREE_FORM_TYPES.contains(type)) {
      throw new InvalidSendRequestException(
          "type: must be template or one of " + new java.util.TreeSet<>(FREE_FORM_TYPES));
    }
    JsonNode object = root.path(type);
    if (type.equals("contacts")) {
      if (!object.isArray() || object.isEmpty()) {
        throw new InvalidSendRequestException("contacts: a non-empty array is required");
      }
    } else if (!object.isObject()) {
      throw new InvalidSendRequestException(type + ": an object is required for type " + type);
    }
    String preview = validate(type, object);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", type);
    message.put(type, JsonTrees.plain(object));
    if (root.path("context").path("message_id").isTextual()) {
      message.put(
          "context", Map.of("message_id", root.path("context").path("message_id").asText()));
    }
    Map<String, Object> canonical = new LinkedHashMap<>(message);
    canonical.put("to", customer.e164());
    canonical.put("business_number_id", businessNumberId);
    // Only when given, so a request from before the field hashes as it did (its idempotency key).
    agent.ifPresent(id -> canonical.put("agent", id));
    return new SendRequest(
        customer,
        businessNumberId,
        type,
        message,
        preview,
        json(canonical),
        agent,
        Optional.empty());
  }

  private CustomerNumber customer(JsonNode to) {
    if (!to.isTextual()) {
      throw new InvalidSendRequestException("to: the recipient's phone number is required");
    }
    try {
      return CustomerNumber.parse(to.asText(), defaultRegion);
    } catch (InvalidPhoneNumberException e) {
      throw new InvalidSendRequestException("to: " + e.getMessage());
    }
  }

  /** Who acted, when the request names an agent or system; absent means the API client did. */
  private static Optional<String> agent(JsonNode given) {
    if (given.isMissingNode() || given.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(AgentId.check("agent", given.isTextual() ? given.asText() : null));
    } catch (AgentId.InvalidAgentIdException e) {
      throw new InvalidSendRequestException(e.getMessage());
    }
  }

  /** The canonical id of one of the deployment's numbers; any other is refused naming the field. */
  private String businessNumberId(JsonNode given) {
    if (businessNumbers.ids().isEmpty()) {
      throw new InvalidSendRequestException(
          "business_number_id: this deployment has no business number to send from"
              + " (META_PHONE_NUMBER_ID / META_PHONE_NUMBER_IDS)");
    }
    if (given.isMissingNode() || given.isNull()) {
      return businessNumbers.defaultId().orElseThrow();
    }
    if (!given.isTextual() || PhoneNumberId.canonical(given.asText()).isEmpty()) {
      throw new InvalidSendRequestException(
          "business_number_id: must be the numeric phone number id");
    }
    return businessNumbers
        .find(given.asText())
        .orElseThrow(
            () ->
                new InvalidSendRequestException(
                    "business_number_id: not one of this deployment's business numbers"
                        + " (META_PHONE_NUMBER_ID / META_PHONE_NUMBER_IDS)"));
  }

  /** Checks the type's own object and returns the readable text for the thread. */
  private static String validate(String type, JsonNode object) {
    switch (type) {
      case "text" -> {
        String body = text(object, "text.body", "body");
        limit("text.body", body, 4096);
        return body;
      }
      case "template" -> {
        String name = text(object, "template.name", "name");
        if (!object.path("language").path("code").isTextual()) {
          throw new InvalidSendRequestException("template.language.code: is required");
        }
        return "template " + name;
      }
      case "reaction" -> {
        text(object, "reaction.message_id", "message_id");
        return object.path("emoji").asText("");
      }
      case "location" -> {
        if (!object.path("latitude").isNumber() || !object.path("longitude").isNumber()) {
          throw new InvalidSendRequestException(
              "location.latitude and location.longitude: numbers are required");
        }
        return object.path("name").asText(null);
      }
      case "interactive" -> {
        String kind = text(object, "interactive.type", "type");
        if (!object.path("action").isObject()) {
          throw new InvalidSendRequestException("interactive.action: an object is required");
        }
        if (kind.equals("call_permission_request")) {
          return callPermissionRequest(object);
        }
        return object.path("body").path("text").asText(null);
      }
      case "contacts" -> {
        return null;
      }
      default -> {
        if (MEDIA_TYPES.contains(type)) {
          if (!object.path("id").isTextual() && !object.path("link").isTextual()) {
            throw new InvalidSendRequestException(type + ": an id or a link is required");
          }
          if (object.path("link").isTextual()
              && !object.path("link").asText().startsWith("https://")) {
            throw new InvalidSendRequestException(type + ".link: must be an https URL");
          }
          String caption = object.path("caption").asText(null);
          limit(type + ".caption", caption, 1024);
          return caption;
        }
        return null;
      }
    }
  }

  /**
   * Meta's free-form request for permission to call (OpenAPI v23.0: {@code InteractiveObject.type}
   * and {@code ActionObject.name} {@code call_permission_request}): only the body text is the
   * business's own; 1,024 characters as any interactive body.
   */
  private static String callPermissionRequest(JsonNode object) {
    if (!"call_permission_request".equals(object.path("action").path("name").asText(null))) {
      throw new InvalidSendRequestException(
          "interactive.action.name: must be call_permission_request");
    }
    String body = text(object.path("body"), "interactive.body.text", "text");
    limit("interactive.body.text", body, 1024);
    return body;
  }

  private static String text(JsonNode node, String field) {
    return text(node, field, field);
  }

  private static String text(JsonNode node, String name, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidSendRequestException(name + ": a non-empty string is required");
    }
    return value.asText();
  }

  private static void limit(String name, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidSendRequestException(name + ": at most " + max + " characters");
    }
  }

  /** Canonical: every map's keys in order, so equal requests hash alike. */
  private static String json(Object value) {
    return JsonTrees.writeSorted(value);
  }
}
