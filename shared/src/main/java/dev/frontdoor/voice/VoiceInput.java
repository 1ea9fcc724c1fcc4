package dev.frontdoor.voice;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.Chars;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.InvalidPhoneNumberException;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.threads.CallDirection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the voice parsers share: bounded JSON, bounded fields, times and the two sides of a call.
 */
final class VoiceInput {
  /** A call event is a few hundred bytes; anything near this is not one. */
  static final int MAX_BODY_BYTES = 65_536;

  static final int MAX_ID_CHARS = 256;
  static final int MAX_WORD_CHARS = 64;
  static final int MAX_PARTY_CHARS = 256;
  static final int MAX_DETAIL_CHARS = 512;

  /** Digits with the separators people and providers write; anything else is an identifier. */
  private static final Pattern PHONE_LIKE = Pattern.compile("\\s*\\+?[\\d\\s\\-().]+");

  /** Tighter limits than Jackson's defaults; content after the object is refused. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build())
          .build();

  private VoiceInput() {}

  /** The body as one JSON object, or a clear refusal. */
  static JsonNode object(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MalformedCallEventException("the body is empty");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new MalformedCallEventException("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JsonTrees.read(JSON, body, true);
    } catch (IOException e) {
      throw new MalformedCallEventException("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedCallEventException("the body must be a JSON object");
    }
    return root;
  }

  static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * {@code node.field} when it is present and not null: a JSON string (or, when {@code numbersToo},
   * a number written as text), at most {@code max} chars after trimming.
   */
  static String text(JsonNode node, String field, int max, boolean numbersToo) {
    return textValue(node.get(field), field, max, numbersToo);
  }

  /** {@link #text} of a value already found; {@code field} names it in messages. */
  static String textValue(JsonNode value, String field, int max, boolean numbersToo) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() && !(numbersToo && value.isNumber())) {
      throw new MalformedCallEventException(field + " must be a string");
    }
    String text = value.asText().strip();
    if (text.length() > max) {
      throw new MalformedCallEventException(field + " is longer than " + max + " characters");
    }
    return text;
  }

  static String required(JsonNode node, String field, int max) {
    String text = text(node, field, max, false);
    if (text == null || text.isEmpty()) {
      throw new MalformedCallEventException(field + " is required");
    }
    return text;
  }

  /** An id: 1 to 256 printable ASCII characters without spaces. */
  static String id(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new MalformedCallEventException(field + " is required");
    }
    if (!Chars.visibleAscii(value, 1, MAX_ID_CHARS)) {
      throw new MalformedCallEventException(
          field + " must be 1-" + MAX_ID_CHARS + " printable ASCII characters without spaces");
    }
    return value;
  }

  /** A status word, lowercased: letters, digits, '-' and '_' only, at most 64. */
  static String statusWord(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new MalformedCallEventException(field + " is required");
    }
    if (value.length() > MAX_WORD_CHARS || !value.matches("[A-Za-z0-9_\\-]+")) {
      throw new MalformedCallEventException(field + " is not a status word");
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  /** A whole number of seconds, 0 to 10 digits. */
  static Integer seconds(String value, String field) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!Chars.digits(value, 1, 9, false)) {
      throw new MalformedCallEventException(field + " must be a whole number of seconds");
    }
    return Integer.valueOf(value);
  }

  /** An ISO-8601 date-time with a zone or offset ({@code 2021-03-29T21:20:06.182Z}) in epoch ms. */
  static long isoMillis(String value, String field) {
    return millis(value, field, DateTimeFormatter.ISO_OFFSET_DATE_TIME, "an ISO-8601 date-time");
  }

  static long millis(String value, String field, DateTimeFormatter format, String what) {
    if (value == null || value.isEmpty()) {
      throw new MalformedCallEventException(field + " is required");
    }
    if (value.length() > MAX_WORD_CHARS) {
      throw new MalformedCallEventException(field + " is not " + what);
    }
    try {
      TemporalAccessor parsed = format.parse(value);
      long millis = Instant.from(parsed).toEpochMilli();
      if (millis < 0) {
        throw new MalformedCallEventException(field + " is before 1970");
      }
      return millis;
    } catch (DateTimeException | ArithmeticException e) {
      throw new MalformedCallEventException(field + " is not " + what);
    }
  }

  /** Written like a phone number: digits, an optional leading plus, spaces and punctuation. */
  static boolean looksLikePhone(String party) {
    return party != null && !party.isBlank() && PHONE_LIKE.matcher(party).matches();
  }

  /**
   * The party as a phone number when it is written like one, null when it is an identifier (an app
   * user, a {@code client:} name). A party that looks like a number but is not a possible one is
   * malformed: guessing would put a call in the wrong thread.
   */
  static CustomerNumber phoneOrNull(String party, String field, String defaultRegion) {
    if (!looksLikePhone(party)) {
      return null;
    }
    try {
      return CustomerNumber.parse(party, defaultRegion);
    } catch (InvalidPhoneNumberException e) {
      throw new MalformedCallEventException(field + " is not a valid phone number");
    }
  }

  /**
   * The two sides of a call leg. The customer is {@code primary} (the caller of an inbound leg, the
   * callee of an outbound one) when it is a phone number; when it is an identifier (an agent's app
   * or softphone) the customer is the other side, which must then be a phone number.
   */
  static Sides sides(
      String primaryField,
      String primary,
      String otherField,
      String other,
      boolean primaryIsCaller,
      String defaultRegion) {
    CustomerNumber primaryNumber = phoneOrNull(primary, primaryField, defaultRegion);
    if (primaryNumber != null) {
      return new Sides(primaryNumber, business(other, defaultRegion), primaryIsCaller);
    }
    CustomerNumber otherNumber = phoneOrNull(other, otherField, defaultRegion);
    if (otherNumber != null) {
      return new Sides(otherNumber, business(primary, defaultRegion), !primaryIsCaller);
    }
    throw new MalformedCallEventException(
        "neither "
            + primaryField
            + " nor "
            + otherField
            + " is a phone number: the customer's side must be one");
  }

  /**
   * The business side: E.164 when it reads as a number, else as received (a short code, an app
   * user, a {@code client:} name), never refused: it does not choose the thread.
   */
  private static String business(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      CustomerNumber number = phoneOrNull(raw, "business", defaultRegion);
      if (number != null) {
        return number.e164();
      }
    } catch (MalformedCallEventException e) {
      // kept as received below
    }
    String stripped = raw.strip();
    return stripped.length() > MAX_PARTY_CHARS ? stripped.substring(0, MAX_PARTY_CHARS) : stripped;
  }

  /** The customer, the business side (E.164 or identifier) and whether the customer called. */
  record Sides(CustomerNumber customer, String business, boolean customerCalled) {
    CallDirection direction() {
      return customerCalled ? CallDirection.INBOUND : CallDirection.OUTBOUND;
    }
  }

  /** Puts {@code value} when present, cut to a small size (details are context, not content). */
  static void detail(Map<String, String> details, String name, String value) {
    if (value != null && !value.isEmpty()) {
      details.put(
          name, value.length() > MAX_DETAIL_CHARS ? value.substring(0, MAX_DETAIL_CHARS) : value);
    }
  }

  /** {@code node.name}, matching the name in any letter case when the exact one is absent. */
  static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
