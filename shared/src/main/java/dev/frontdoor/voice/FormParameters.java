package dev.frontdoor.voice;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body (how Twilio posts call events):
 * names in the order first seen, each with every value in the order sent, since a repeated name is
 * signed with all of its values.
 */
public final class FormParameters {
  private static final FormParameters EMPTY = new FormParameters(Map.of());

  private final Map<String, List<String>> values;

  private FormParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  public static FormParameters empty() {
    return EMPTY;
  }

  /** Copies {@code values}, keeping its iteration order. */
  public static FormParameters of(Map<String, List<String>> values) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    return new FormParameters(Collections.unmodifiableMap(copy));
  }

  /**
   * Decodes a form body: {@code &}-separated {@code name=value} pairs, {@code +} for a space and
   * {@code %XX} for UTF-8 bytes. A pair without {@code =} is a name with an empty value; empty
   * pairs are skipped.
   *
   * @throws IllegalArgumentException if a {@code %} escape is malformed
   */
  public static FormParameters decode(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      decoded.computeIfAbsent(unescape(name), key -> new ArrayList<>()).add(unescape(value));
    }
    return of(decoded);
  }

  private static String unescape(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** Every value sent under {@code name}, in order; empty if none. */
  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public Map<String, List<String>> asMap() {
    return values;
  }

  @Override
  public String toString() {
    // Call events carry phone numbers: only the field names are shown.
    return "FormParameters" + values.keySet();
  }
}
