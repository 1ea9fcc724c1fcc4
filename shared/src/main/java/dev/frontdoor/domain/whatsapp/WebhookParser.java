package dev.frontdoor.domain.whatsapp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.InvalidPhoneNumberException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a verified Cloud API webhook body into a {@link WebhookBatch}. A body that is not a webhook
 * envelope is a {@link MalformedWebhookException}; inside a valid envelope nothing is dropped: a
 * message type Frontdoor does not know becomes {@code unsupported}, a field it does not handle or
 * an entry it cannot route becomes a {@link RawEvent}.
 */
public final class WebhookParser {
  /** Caps that keep any stored item far below DynamoDB's 400 KB, whatever a webhook holds. */
  static final int MAX_TEXT_CHARS = 16_384;

  static final int MAX_CONTACTS = 20;
  static final int MAX_DETAILS_JSON_CHARS = 48_000;

  private static final Set<String> MEDIA_TYPES =
      Set.of("image", "audio", "video", "document", "sticker");
  private static final Set<String> KNOWN_TYPES =
      Set.of(
          "text",
          "image",
          "audio",
          "video",
          "document",
          "sticker",
          "location",
          "contacts",
          "interactive",
          "button",
          "reaction",
          "order",
          "system");
  private static final List<String> COMMON_DETAILS = List.of("context", "referral", "identity");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxNumberLength(64)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final String defaultRegion;

  public WebhookParser(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  public WebhookBatch parse(byte[] body) {
    if (body.length == 0) {
      throw new MalformedWebhookException("the body is empty");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedWebhookException("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedWebhookException("the body must be a JSON object");
    }
    if (!"whatsapp_business_account".equals(root.path("object").asText(null))) {
      throw new MalformedWebhookException("object must be \"whatsapp_business_account\"");
    }
    JsonNode entries = root.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new MalformedWebhookException("entry must be an array");
    }
    Batch batch = new Batch();
    for (int e = 0; e < entries.size(); e++) {
      JsonNode entry = entries.get(e);
      JsonNode changes = entry.get("changes");
      if (!entry.isObject() || changes == null || !changes.isArray()) {
        throw new MalformedWebhookException("entry[" + e + "].changes must be an array");
      }
      for (int c = 0; c < changes.size(); c++) {
        JsonNode change = changes.get(c);
        String where = "entry[" + e + "].changes[" + c + "]";
        if (!change.isObject() || !change.path("field").isTextual()) {
          throw new MalformedWebhookException(where + ".field must be a string");
        }
        if (!change.path("value").isObject()) {
          throw new MalformedWebhookException(where + ".value must be an object");
        }
        readChange(entry.path("id").asText(""), change, batch);
      }
    }
    return batch.build();
  }

  private void readChange(String wabaId, JsonNode change, Batch batch) {
    String field = change.get("field").asText();
    JsonNode value = change.get("value");
    if (!field.equals("messages") && !field.equals("calls")) {
      batch.raw.add(
          new RawEvent(
              "field:" + field, "a webhook field Frontdoor does not handle", json(change)));
      return;
    }
    JsonNode metadata = value.path("metadata");
    BusinessNumber business =
        new BusinessNumber(
            metadata.path("phone_number_id").asText(""),
            metadata.path("display_phone_number").asText(""),
            wabaId);
    Map<String, String> profiles = new HashMap<>();
    for (JsonNode contact : value.path("contacts")) {
      String name = contact.path("profile").path("name").asText(null);
      if (name != null) {
        profiles.put(contact.path("wa_id").asText(""), name);
      }
    }
    for (JsonNode message : value.path("messages")) {
      readMessage(message, business, profiles, batch);
    }
    for (JsonNode status : value.path("statuses")) {
      readStatus(status, business, batch);
    }
    for (JsonNode call : value.path("calls")) {
      readCall(call, business, batch);
    }
    if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
      batch.raw.add(
          new RawEvent("errors", "errors reported for the whole notification", json(value)));
    }
  }

  private void readMessage(
      JsonNode message, BusinessNumber business, Map<String, String> profiles, Batch batch) {
    Optional<String> problem = routingProblem(message, "from");
    if (problem.isPresent()) {
      batch.raw.add(new RawEvent("unroutable:message", problem.get(), json(message)));
      return;
    }
    String from = message.get("from").asText();
    String metaType = message.path("type").asText("unsupported");
    String type = KNOWN_TYPES.contains(metaType) ? metaType : "unsupported";
    Map<String, Object> details = new LinkedHashMap<>();
    String body = null;
    JsonNode typed = message.path(metaType);
    switch (type) {
      case "text" -> body = typed.path("body").asText(null);
      case "image", "audio", "video", "document", "sticker" -> {
        details.put("media", media(typed));
        body = typed.path("caption").asText(null);
      }
      case "interactive" -> {
        String kind = typed.path("type").asText("");
        Map<String, Object> reply = new LinkedHashMap<>(map(typed.path(kind)));
        reply.put("kind", kind);
        details.put("reply", reply);
        body = typed.path(kind).path("title").asText(typed.path(kind).path("body").asText(null));
      }
      case "button" -> {
        Map<String, Object> reply = new LinkedHashMap<>(map(typed));
        reply.put("kind", "button");
        details.put("reply", reply);
        body = typed.path("text").asText(null);
      }
      case "reaction" -> {
        details.put("reaction", map(typed));
        body = typed.path("emoji").asText(null);
      }
      case "contacts" -> details.put("contacts", firstItems(message.path("contacts")));
      case "location", "order" -> {
        details.put(type, map(typed));
        body = type.equals("order") ? typed.path("text").asText(null) : null;
      }
      case "system" -> {
        details.put("system", map(typed));
        body = typed.path("body").asText(null);
      }
      default -> {
        // unsupported: the original is kept below as raw JSON
      }
    }
    for (String common : COMMON_DETAILS) {
      if (message.path(common).isObject()) {
        details.put(common, map(message.get(common)));
      }
    }
    if (message.path("errors").isArray()) {
      details.put("errors", list(message.get("errors")));
    }
    String raw = null;
    if (type.equals("unsupported") || json(details).length() > MAX_DETAILS_JSON_CHARS) {
      raw = json(message);
      if (!type.equals("unsupported")) {
        details = new LinkedHashMap<>(Map.of("oversized", true));
      }
    }
    CustomerNumber customer = CustomerNumber.parse(from, defaultRegion);
    batch.messages.add(
        new InboundMessage(
            message.get("id").asText(),
            customer,
            business,
            seconds(message.get("timestamp")) * 1000,
            type,
            metaType,
            cap(body),
            body != null && body.length() > MAX_TEXT_CHARS,
            details,
            cap(raw),
            raw != null && raw.length() > MAX_TEXT_CHARS,
            profiles.get(from)));
  }

  private void readStatus(JsonNode status, BusinessNumber business, Batch batch) {
    String type = status.path("type").asText("message");
    if (type.equals("call")) {
      readCallStatus(status, business, batch);
      return;
    }
    Optional<String> problem = routingProblem(status, "recipient_id");
    if (problem.isEmpty() && !status.path("status").isTextual()) {
      problem = Optional.of("a status without a status value");
    }
    if (problem.isPresent()) {
      batch.raw.add(new RawEvent("unroutable:status", problem.get(), json(status)));
      return;
    }
    String value = status.get("status").asText();
    batch.statuses.add(
        new StatusUpdate(
            status.get("id").asText(),
            type.equals("payment") ? "payment_" + value : value,
            CustomerNumber.parse(status.get("recipient_id").asText(), defaultRegion),
            business,
            seconds(status.get("timestamp")) * 1000,
            Optional.ofNullable(status.path("biz_opaque_callback_data").asText(null)),
            map(status.path("pricing")),
            map(status.path("conversation")),
            list(status.path("errors"))));
  }

  private void readCall(JsonNode call, BusinessNumber business, Batch batch) {
    String direction = call.path("direction").asText("USER_INITIATED");
    String customerField = direction.equals("BUSINESS_INITIATED") ? "to" : "from";
    Optional<String> problem = routingProblem(call, customerField);
    if (problem.isPresent()) {
      batch.raw.add(new RawEvent("unroutable:call", problem.get(), json(call)));
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    for (String field : List.of("start_time", "end_time", "duration", "biz_opaque_callback_data")) {
      if (call.hasNonNull(field)) {
        details.put(field, call.get(field).asText());
      }
    }
    JsonNode statusNode = call.path("status");
    String status =
        statusNode.isArray() ? statusNode.path(0).asText(null) : statusNode.asText(null);
    batch.calls.add(
        new WhatsAppCallEvent(
            call.get("id").asText(),
            CustomerNumber.parse(call.get(customerField).asText(), defaultRegion),
            business,
            call.path("event").asText("unknown"),
            status,
            direction,
            seconds(call.get("timestamp")) * 1000,
            details));
  }

  private void readCallStatus(JsonNode status, BusinessNumber business, Batch batch) {
    Optional<String> problem = routingProblem(status, "recipient_id");
    if (problem.isPresent()) {
      batch.raw.add(new RawEvent("unroutable:call", problem.get(), json(status)));
      return;
    }
    batch.calls.add(
        new WhatsAppCallEvent(
            status.get("id").asText(),
            CustomerNumber.parse(status.get("recipient_id").asText(), defaultRegion),
            business,
            "status",
            status.path("status").asText(null),
            "BUSINESS_INITIATED",
            seconds(status.get("timestamp")) * 1000,
            Map.of()));
  }

  /** Why an entry cannot be placed in a thread, if it cannot: it needs an id, a number, a time. */
  private Optional<String> routingProblem(JsonNode node, String numberField) {
    if (!node.isObject()) {
      return Optional.of("an entry that is not an object");
    }
    if (!node.path("id").isTextual() || node.get("id").asText().isBlank()) {
      return Optional.of("an entry without an id");
    }
    if (seconds(node.get("timestamp")) < 0) {
      return Optional.of("an entry without a usable timestamp");
    }
    try {
      CustomerNumber.parse(node.path(numberField).asText(""), defaultRegion);
      return Optional.empty();
    } catch (InvalidPhoneNumberException e) {
      return Optional.of("an entry whose " + numberField + " is not a phone number");
    }
  }

  /** Meta sends epoch seconds as a string (or a number); anything else is -1. */
  static long seconds(JsonNode timestamp) {
    if (timestamp == null) {
      return -1;
    }
    String text = timestamp.asText("");
    if (!text.matches("\\d{1,11}")) {
      return -1;
    }
    return Long.parseLong(text);
  }

  private static Map<String, Object> media(JsonNode typed) {
    Map<String, Object> media = new LinkedHashMap<>();
    for (String field : List.of("id", "mime_type", "sha256", "filename", "voice", "animated")) {
      if (typed.hasNonNull(field)) {
        media.put(field, JSON.convertValue(typed.get(field), Object.class));
      }
    }
    return media;
  }

  private static List<Object> firstItems(JsonNode array) {
    List<Object> items = new ArrayList<>();
    for (JsonNode item : array) {
      if (items.size() == MAX_CONTACTS) {
        break;
      }
      items.add(JSON.convertValue(item, Object.class));
    }
    return items;
  }

  private static Map<String, Object> map(JsonNode node) {
    return node != null && node.isObject() ? JSON.convertValue(node, MAP) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(JsonNode node) {
    List<Map<String, Object>> items = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (item.isObject()) {
          items.add(JSON.convertValue(item, MAP));
        }
      }
    }
    return items;
  }

  private static String cap(String text) {
    return text == null || text.length() <= MAX_TEXT_CHARS
        ? text
        : text.substring(0, MAX_TEXT_CHARS);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Batch {
    final List<InboundMessage> messages = new ArrayList<>();
    final List<StatusUpdate> statuses = new ArrayList<>();
    final List<WhatsAppCallEvent> calls = new ArrayList<>();
    final List<RawEvent> raw = new ArrayList<>();

    WebhookBatch build() {
      return new WebhookBatch(
          List.copyOf(messages), List.copyOf(statuses), List.copyOf(calls), List.copyOf(raw));
    }
  }
}
