package dev.frontdoor.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.json.JsonTrees;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a request body that must be one JSON object, refusing anything else in the caller's terms.
 */
public final class JsonObjects {
  private JsonObjects() {}

  /**
   * An API request's body: present, at most {@code maxBytes}, one JSON object; {@code refusal}
   * builds the API's own exception from the sentence that says what is wrong.
   */
  public static JsonNode read(
      byte[] body, int maxBytes, Function<String, ? extends RuntimeException> refusal) {
    if (body.length == 0) {
      throw refusal.apply("the body is empty: a JSON object is required");
    }
    if (body.length > maxBytes) {
      throw refusal.apply("the body is larger than " + maxBytes + " bytes");
    }
    return read(JsonTrees.FACTORY, false, body, refusal);
  }

  /**
   * The body's root object; {@code refusal} builds the caller's own exception from a sentence that
   * says what is wrong (not JSON, or not an object), so each API keeps its error type. {@code
   * factory} carries the caller's stream-read limits; {@code failOnTrailing} refuses content after
   * the object (see {@link JsonTrees#read(com.fasterxml.jackson.core.JsonFactory, byte[],
   * boolean)}).
   */
  public static JsonNode read(
      com.fasterxml.jackson.core.JsonFactory factory,
      boolean failOnTrailing,
      byte[] body,
      Function<String, ? extends RuntimeException> refusal) {
    JsonNode root;
    try {
      root = JsonTrees.read(factory, body, failOnTrailing);
    } catch (IOException e) {
      throw refusal.apply("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw refusal.apply("the body must be a JSON object");
    }
    return root;
  }
}
