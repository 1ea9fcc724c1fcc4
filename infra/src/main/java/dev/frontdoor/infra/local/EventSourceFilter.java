package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.json.JsonTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's filter criteria, as Lambda applies them before invoking the function: a
 * record passes when any pattern matches. A pattern is a JSON object whose leaves are arrays of the
 * values a field may have; a field the pattern names but the record lacks does not match. Only
 * exact values are supported; any other operator (prefix, numeric, exists, anything-but) is refused
 * when the gateway starts, rather than matched wrongly.
 */
final class EventSourceFilter {
  private final List<JsonNode> patterns;

  private EventSourceFilter(List<JsonNode> patterns) {
    this.patterns = patterns;
  }

  /** The patterns' JSON text, as the template holds it; none means every record passes. */
  static EventSourceFilter of(List<String> patternTexts) {
    List<JsonNode> patterns = new ArrayList<>();
    for (String text : patternTexts) {
      try {
        JsonNode pattern = JsonTrees.read(text);
        check(pattern, "");
        patterns.add(pattern);
      } catch (IOException e) {
        throw new UncheckedIOException("a filter pattern is not JSON: " + text, e);
      }
    }
    return new EventSourceFilter(List.copyOf(patterns));
  }

  boolean matches(JsonNode record) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (JsonNode pattern : patterns) {
      if (matches(pattern, record)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(JsonNode pattern, JsonNode value) {
    if (pattern.isArray()) {
      for (JsonNode allowed : pattern) {
        if (value != null && value.isValueNode() && allowed.equals(value)) {
          return true;
        }
      }
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode child = value == null ? null : value.get(field.getKey());
      if (child == null || !matches(field.getValue(), child)) {
        return false;
      }
    }
    return true;
  }

  private static void check(JsonNode pattern, String path) {
    if (pattern.isArray()) {
      for (JsonNode allowed : pattern) {
        if (!allowed.isValueNode()) {
          throw new IllegalArgumentException(
              "filter pattern at " + path + ": only exact values are supported locally");
        }
      }
    } else if (pattern.isObject()) {
      pattern
          .fields()
          .forEachRemaining(field -> check(field.getValue(), path + "/" + field.getKey()));
    } else {
      throw new IllegalArgumentException(
          "filter pattern at " + path + ": a leaf must be an array of values");
    }
  }
}
