package dev.frontdoor.inbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.Chars;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.InvalidPhoneNumberException;
import dev.frontdoor.common.InvalidUserIdException;
import dev.frontdoor.common.JsonObjects;
import dev.frontdoor.common.PhoneNumberId;
import dev.frontdoor.common.UserId;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.WhatsAppCallEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
  static final int MAX_SMALL_OBJECT_JSON_CHARS = 8_000;
  static final int MAX_NAME_CHARS = 256;
  private static final Pattern FIELD_NAME = Pattern.compile("[a-z_]{1,64}");

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

  /** Tighter limits than Jackson's defaults; content after the object is refused. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
          .build();

  // No duplicate-key detection: it cost 40% of the parse, and the body is authenticated (only the
  // holder of the app secret can produce it); a repeated key keeps its last value, as in Meta's
  // own JSON readers.

  private final String defaultRegion;

  public WebhookParser(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  public WebhookBatch parse(byte[] body) {
    if (body.length == 0) {
      throw new MalformedWebhookException("the body is empty");
    }
    JsonNode root = JsonObjects.read(JSON, true, body, MalformedWebhookException::new);
    if (!"whatsapp_business_account".equals(root.path("object").asText(null))) {
      throw new MalformedWebhookException("object must be \"whatsapp_business_account\"");
    }
    JsonNode entries = root.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new MalformedWebhookException("entry must be an array");
    }
    // A JSON value cannot serialise longer than the body it came from: in a small body no object
    // can exceed the size caps, so they are only measured in large ones.
    Batch batch = new Batch(body.length > MAX_SMALL_OBJECT_JSON_CHARS);
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
      // The kind becomes part of a key and a log field: only a plain field name is used as is.
      String kind = FIELD_NAME.matcher(field).matches() ? field : "other";
      batch.raw.add(
          new RawEvent("field:" + kind, "a webhook field Frontdoor does not handle", json(change)));
      return;
    }
    JsonNode metadata = value.path("metadata");
    // Canonical, so a window opened here is the one the send API looks up for the same number.
    String phoneNumberId =
        PhoneNumberId.canonical(metadata.path("phone_number_id").asText("")).orElse("");
    if (phoneNumberId.isEmpty()) {
      batch.raw.add(
          new RawEvent(
              "unroutable:" + field,
              "a change without a usable metadata.phone_number_id",
              json(change)));
      return;
    }
    BusinessNumber business =
        new BusinessNumber(
            phoneNumberId,
            short64(metadata.path("display_phone_number").asText("")),
            short64(wabaId));
    Contacts contacts = new Contacts(value.path("contacts"));
    for (JsonNode message : value.path("messages")) {
      readMessage(message, business, contacts, batch);
    }
    for (JsonNode status : value.path("statuses")) {
      readStatus(status, business, contacts, batch);
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
      JsonNode message, BusinessNumber business, Contacts contacts, Batch batch) {
    Optional<String> problem = entryProblem(message);
    Sender sender = null;
    if (problem.isEmpty()) {
      Contact contact = contacts.of(message.path("from").asText(""), userIdField(message, "from"));
      sender = sender(message, "from", contact.userId());
      problem = sender.problem();
    }
    if (problem.isPresent()) {
      batch.raw.add(
          new RawEvent(
              "unroutable:message", problem.get(), json(message), mentioned(message, "from")));
      return;
    }
    Contact contact = contacts.of(message.path("from").asText(""), sender.userIdText());
    String metaType = short64(message.path("type").asText("unsupported"));
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
    if (type.equals("unsupported")
        || batch.large && json(details).length() > MAX_DETAILS_JSON_CHARS) {
      raw = json(message);
      if (!type.equals("unsupported")) {
        details = new LinkedHashMap<>(Map.of("oversized", true));
      }
    }
    batch.messages.add(
        new InboundMessage(
            message.get("id").asText(),
            sender.key(),
            business,
            seconds(message.get("timestamp")) * 1000,
            type,
            metaType,
            cap(body),
            body != null && body.length() > MAX_TEXT_CHARS,
            details,
            cap(raw),
            raw != null && raw.length() > MAX_TEXT_CHARS,
            contact.name(),
            () -> json(message),
            sender.userId(),
            contact.username()));
  }

  private void readStatus(
      JsonNode status, BusinessNumber business, Contacts contacts, Batch batch) {
    String type = status.path("type").asText("message");
    if (type.equals("call")) {
      readCallStatus(status, business, batch);
      return;
    }
    Optional<String> problem = entryProblem(status);
    Sender recipient = null;
    if (problem.isEmpty()) {
      // The status webhook's own field first; a contacts[].user_id is only a fallback.
      String contactUserId =
          contacts
              .of(status.path("recipient_id").asText(""), userIdField(status, "recipient_id"))
              .userId();
      recipient = sender(status, "recipient_id", contactUserId);
      problem = recipient.problem();
    }
    if (problem.isEmpty() && !Chars.word(status.path("status").asText(""), 1, 32)) {
      problem = Optional.of("a status without a usable status value");
    }
    if (problem.isPresent()) {
      batch.raw.add(
          new RawEvent(
              "unroutable:status", problem.get(), json(status), mentioned(status, "recipient_id")));
      return;
    }
    String value = status.get("status").asText();
    batch.statuses.add(
        new StatusUpdate(
            status.get("id").asText(),
            type.equals("payment") ? "payment_" + value : value,
            recipient.number(),
            business,
            seconds(status.get("timestamp")) * 1000,
            Optional.ofNullable(status.path("biz_opaque_callback_data").asText(null))
                .map(data -> capTo(data, 512)),
            batch.large ? bounded(map(status.path("pricing"))) : map(status.path("pricing")),
            batch.large
                ? bounded(map(status.path("conversation")))
                : map(status.path("conversation")),
            batch.large ? boundedList(list(status.path("errors"))) : list(status.path("errors")),
            () -> json(status),
            recipient.userId()));
  }

  private void readCall(JsonNode call, BusinessNumber business, Batch batch) {
    String direction = call.path("direction").asText("USER_INITIATED");
    String customerField = direction.equals("BUSINESS_INITIATED") ? "to" : "from";
    Optional<String> problem = routingProblem(call, customerField);
    if (problem.isPresent()) {
      batch.raw.add(
          new RawEvent(
              "unroutable:call", problem.get(), json(call), mentioned(call, customerField)));
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
            number(call.get(customerField).asText()),
            business,
            short64(call.path("event").asText("unknown")),
            status == null ? null : short64(status),
            short64(direction),
            seconds(call.get("timestamp")) * 1000,
            details,
            () -> json(call)));
  }

  private void readCallStatus(JsonNode status, BusinessNumber business, Batch batch) {
    Optional<String> problem = routingProblem(status, "recipient_id");
    if (problem.isPresent()) {
      batch.raw.add(
          new RawEvent(
              "unroutable:call", problem.get(), json(status), mentioned(status, "recipient_id")));
      return;
    }
    batch.calls.add(
        new WhatsAppCallEvent(
            status.get("id").asText(),
            number(status.get("recipient_id").asText()),
            business,
            "status",
            short64(status.path("status").asText("")),
            "BUSINESS_INITIATED",
            seconds(status.get("timestamp")) * 1000,
            Map.of(),
            () -> json(status)));
  }

  /**
   * A number as Meta writes it: a {@code wa_id} is the international number without its plus, so it
   * needs no libphonenumber round trip (the costliest step of parsing a webhook otherwise).
   * Anything else is read by libphonenumber.
   */
  private CustomerNumber number(String raw) {
    if (Chars.digits(raw, 7, 15, true)) {
      return new CustomerNumber("+" + raw);
    }
    return CustomerNumber.parse(raw, defaultRegion);
  }

  /**
   * The customers an entry that cannot be routed still names, as far as its fields can be read (a
   * usable number or BSUID beside a missing id or time): recorded on the raw event so that erasure
   * finds it (docs/data-model.md 12). Best effort: a field that does not parse names no one.
   */
  private List<CustomerKey> mentioned(JsonNode node, String numberField) {
    if (!node.isObject()) {
      return List.of();
    }
    List<CustomerKey> keys = new ArrayList<>();
    String rawNumber = node.path(numberField).asText("");
    String rawUserId = userIdField(node, numberField);
    if (UserId.looksLike(rawNumber)) {
      rawUserId = rawUserId == null ? rawNumber : rawUserId;
    } else if (!rawNumber.isEmpty()) {
      try {
        keys.add(CustomerKey.of(number(rawNumber)));
      } catch (InvalidPhoneNumberException e) {
        // not a number: names no one
      }
    }
    if (rawUserId != null) {
      try {
        keys.add(CustomerKey.of(new UserId(rawUserId)));
      } catch (InvalidUserIdException e) {
        // not a BSUID: names no one
      }
    }
    return keys;
  }

  /** Why an entry cannot be placed in a thread, if it cannot: it needs an id, a number, a time. */
  private Optional<String> routingProblem(JsonNode node, String numberField) {
    Optional<String> problem = entryProblem(node);
    if (problem.isPresent()) {
      return problem;
    }
    try {
      number(node.path(numberField).asText(""));
      return Optional.empty();
    } catch (InvalidPhoneNumberException e) {
      return Optional.of("an entry whose " + numberField + " is not a phone number");
    }
  }

  /** Why an entry cannot be stored at all, if it cannot: it needs an id and a time. */
  private static Optional<String> entryProblem(JsonNode node) {
    if (!node.isObject()) {
      return Optional.of("an entry that is not an object");
    }
    if (!node.path("id").isTextual() || !Chars.visibleAscii(node.get("id").asText(), 1, 256)) {
      return Optional.of("an entry without a usable id (1-256 visible characters)");
    }
    if (seconds(node.get("timestamp")) < 0) {
      return Optional.of("an entry without a usable timestamp");
    }
    return Optional.empty();
  }

  /**
   * The customer of a message ({@code from}) or a status ({@code recipient_id}): their number when
   * the field holds one, their business-scoped user id from {@code <field>_user_id} (messages:
   * {@code from_user_id}; statuses: {@code recipient_user_id}) or the matching {@code contacts[]}
   * entry's {@code user_id}. A customer with a username may come with the id only. The thread is
   * the number's when there is one; with the id only it is the id's, until ingest resolves it.
   *
   * <p>A malformed id beside a usable number is left out (the entry is still the number's, and no
   * lookup is ever written from it); with no number it makes the entry unroutable, kept raw.
   */
  private Sender sender(JsonNode node, String numberField, String contactUserId) {
    String rawNumber = node.path(numberField).asText("");
    String idField = userIdFieldName(node, numberField);
    String rawUserId = idField != null ? node.get(idField).asText("") : contactUserId;
    if (UserId.looksLike(rawNumber)) {
      // Sources differ on whether the number field itself carries the id when the number is
      // withheld (the send API takes one in `to`): a BSUID-shaped value is read as one.
      if (idField == null) {
        rawUserId = rawNumber;
        idField = numberField;
      }
      rawNumber = "";
    }
    CustomerNumber number = null;
    if (!rawNumber.isEmpty()) {
      try {
        number = number(rawNumber);
      } catch (InvalidPhoneNumberException e) {
        return Sender.unroutable("an entry whose " + numberField + " is not a phone number");
      }
    }
    UserId userId = null;
    if (rawUserId != null && !rawUserId.isEmpty()) {
      try {
        userId = new UserId(rawUserId);
      } catch (InvalidUserIdException e) {
        if (number == null) {
          return Sender.unroutable(
              "an entry whose "
                  + (idField == null ? "contacts[].user_id" : idField)
                  + " is not a business-scoped user id, and without a phone number");
        }
      }
    }
    if (number == null && userId == null) {
      return Sender.unroutable(
          "an entry whose " + numberField + " is not a phone number, and without a user id");
    }
    return new Sender(number, userId, Optional.empty());
  }

  /** Meta's name for the id beside a number field (and the spelling some BSPs relay), if sent. */
  private static String userIdFieldName(JsonNode node, String numberField) {
    String base = numberField.equals("recipient_id") ? "recipient" : numberField;
    for (String field : List.of(base + "_user_id", base + "_bsuid")) {
      if (node.hasNonNull(field)) {
        return field;
      }
    }
    return null;
  }

  private static String userIdField(JsonNode node, String numberField) {
    String field = userIdFieldName(node, numberField);
    return field == null ? null : node.get(field).asText(null);
  }

  /** Meta sends epoch seconds as a string (or a number); anything else is -1. */
  static long seconds(JsonNode timestamp) {
    if (timestamp == null) {
      return -1;
    }
    String text = timestamp.asText("");
    if (!Chars.digits(text, 1, 11, false)) {
      return -1;
    }
    return Long.parseLong(text);
  }

  private static Map<String, Object> media(JsonNode typed) {
    Map<String, Object> media = new LinkedHashMap<>();
    for (String field : List.of("id", "mime_type", "sha256", "filename", "voice", "animated")) {
      if (typed.hasNonNull(field)) {
        media.put(field, plain(typed.get(field)));
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
      items.add(plain(item));
    }
    return items;
  }

  /** A JSON value as plain Java values, walking the tree (convertValue re-serialises it). */
  static Object plain(JsonNode node) {
    return JsonTrees.plain(node);
  }

  private static Map<String, Object> plainObject(JsonNode node) {
    return JsonTrees.plainObject(node);
  }

  private static Map<String, Object> map(JsonNode node) {
    return node != null && node.isObject() ? plainObject(node) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(JsonNode node) {
    List<Map<String, Object>> items = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (item.isObject()) {
          items.add(plainObject(item));
        }
      }
    }
    return items;
  }

  private static String cap(String text) {
    return capTo(text, MAX_TEXT_CHARS);
  }

  /** Cuts to at most {@code max} chars without splitting a surrogate pair (an emoji). */
  static String capTo(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  private static String short64(String text) {
    return capTo(text, 64);
  }

  /** Small objects (pricing, conversation) stay small; an outsized one is flagged, not stored. */
  private static Map<String, Object> bounded(Map<String, Object> value) {
    return json(value).length() > MAX_SMALL_OBJECT_JSON_CHARS ? Map.of("oversized", true) : value;
  }

  private static List<Map<String, Object>> boundedList(List<Map<String, Object>> value) {
    return json(value).length() > MAX_SMALL_OBJECT_JSON_CHARS
        ? List.of(Map.of("oversized", true))
        : value;
  }

  static String json(Object value) {
    return JsonTrees.write(value);
  }

  /** Who an entry belongs to: a number, a BSUID, or both; or why it belongs to no one. */
  private record Sender(CustomerNumber number, UserId userId, Optional<String> problem) {
    static Sender unroutable(String why) {
      return new Sender(null, null, Optional.of(why));
    }

    CustomerKey key() {
      return number != null ? CustomerKey.of(number) : CustomerKey.of(userId);
    }

    String userIdText() {
      return userId == null ? null : userId.value();
    }
  }

  /** One {@code contacts[]} entry: the customer's profile name, username and BSUID. */
  private record Contact(String waId, String userId, String name, String username) {
    static final Contact NONE = new Contact(null, null, null, null);
  }

  /**
   * The {@code contacts[]} of a change, found by number ({@code wa_id}) or by BSUID ({@code
   * user_id}); a single contact is everyone's (a change's entries are one customer's).
   */
  private static final class Contacts {
    private final List<Contact> all = new ArrayList<>();

    Contacts(JsonNode contacts) {
      for (JsonNode contact : contacts) {
        JsonNode profile = contact.path("profile");
        all.add(
            new Contact(
                contact.path("wa_id").asText(null),
                contact.path("user_id").asText(null),
                capped(profile.path("name").asText(null)),
                // Sources put the username in profile; accept it beside it too.
                capped(profile.path("username").asText(contact.path("username").asText(null)))));
      }
    }

    private static String capped(String text) {
      return text == null ? null : capTo(text, MAX_NAME_CHARS);
    }

    Contact of(String waId, String userId) {
      for (Contact contact : all) {
        if (!waId.isEmpty() && waId.equals(contact.waId())
            || userId != null && userId.equals(contact.userId())) {
          return contact;
        }
      }
      if (all.size() == 1 && (all.get(0).waId() == null || waId.isEmpty())) {
        return all.get(0);
      }
      return Contact.NONE;
    }
  }

  private static final class Batch {
    final boolean large;

    Batch(boolean large) {
      this.large = large;
    }

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
