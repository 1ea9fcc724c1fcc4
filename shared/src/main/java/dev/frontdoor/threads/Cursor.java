package dev.frontdoor.threads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.json.JsonTrees;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * An opaque position in one customer's timeline: base64url of {@code {"customer": thread key, "sk":
 * timeline sort key}}; the thread key is the E.164 number, or {@code ~<bsuid>} for a thread keyed
 * by a business-scoped user id. A cursor reaches the table as {@code ExclusiveStartKey}, so
 * everything about it is checked here first: the table engine used locally accepts keys that
 * DynamoDB refuses, and a refusal there would be a 5xx instead of a 400 naming the cursor.
 */
public record Cursor(String customer, String sortKey) {
  /** DynamoDB's limit on a sort key value, in UTF-8 bytes (a partition key's is 2,048). */
  public static final int MAX_SORT_KEY_BYTES = 1024;

  /** Longest token worth decoding: the JSON of a 1,024-byte key, escaped, in base64. */
  private static final int MAX_TOKEN_CHARS = 16 * 1024;

  /**
   * The timeline key format of {@code adapter.out.dynamodb.Keys.timeline}: {@code EV#<13-digit
   * ms>#<KIND>#<id>} (docs/data-model.md 5.4). A test there keeps the two in step.
   */
  private static final String PREFIX = "EV#";

  private static final Set<String> KINDS = Set.of("MSG", "STATUS", "CALL", "CALLEV", "SUM");

  public Cursor {
    if (customer == null || !(customer.matches("\\+[1-9]\\d{1,14}") || isUserIdKey(customer))) {
      throw new InvalidCursorException("the cursor does not name a customer in E.164");
    }
    checkSortKey(sortKey);
  }

  private static boolean isUserIdKey(String customer) {
    try {
      return customer.startsWith("~") && new CustomerKey(customer).userId().isPresent();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Reads a token from a query string; every refusal says what is wrong with it. */
  public static Cursor decode(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidCursorException("the cursor is empty or too long to be one this API issued");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("the cursor is not base64url: not one this API issued");
    }
    JsonNode root;
    try {
      root = JsonTrees.read(bytes);
    } catch (java.io.IOException e) {
      root = null;
    }
    if (root == null
        || !root.isObject()
        || root.size() != 2
        || !root.path("customer").isTextual()
        || !root.path("sk").isTextual()) {
      throw new InvalidCursorException(
          "the cursor is not a position this API issued (wrong shape)");
    }
    return new Cursor(root.get("customer").asText(), root.get("sk").asText());
  }

  public String encode() {
    ObjectNode node =
        JsonNodeFactory.instance.objectNode().put("customer", customer).put("sk", sortKey);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(JsonTrees.writeBytes(node));
  }

  private static void checkSortKey(String sortKey) {
    if (sortKey == null) {
      throw new InvalidCursorException("the cursor has no timeline key");
    }
    int bytes;
    try {
      bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(sortKey)).remaining();
    } catch (CharacterCodingException e) {
      throw new InvalidCursorException("the cursor's timeline key is not valid Unicode text");
    }
    if (bytes > MAX_SORT_KEY_BYTES) {
      throw new InvalidCursorException(
          "the cursor's timeline key is longer than " + MAX_SORT_KEY_BYTES + " bytes");
    }
    if (!isTimelineKey(sortKey)) {
      throw new InvalidCursorException(
          "the cursor's key is not a timeline key (EV#<13-digit time>#<kind>#<id>)");
    }
  }

  private static boolean isTimelineKey(String key) {
    if (!key.startsWith(PREFIX) || key.length() < PREFIX.length() + 13 + 3) {
      return false;
    }
    int time = PREFIX.length();
    for (int i = time; i < time + 13; i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    if (key.charAt(time + 13) != '#') {
      return false;
    }
    int kindStart = time + 14;
    int kindEnd = key.indexOf('#', kindStart);
    if (kindEnd < 0 || !KINDS.contains(key.substring(kindStart, kindEnd))) {
      return false;
    }
    String id = key.substring(kindEnd + 1);
    if (id.isEmpty()) {
      return false;
    }
    return id.codePoints().noneMatch(Character::isISOControl);
  }
}
