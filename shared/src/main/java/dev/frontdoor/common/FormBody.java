package dev.frontdoor.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body (or query string) read into its names and
 * values, in the order received. A name may repeat (Twilio's signature covers every value of a
 * repeated name), so each name keeps all its values.
 */
public final class FormBody {
  /** More pairs than any provider callback sends; a bigger body is refused, not half-read. */
  static final int MAX_PAIRS = 1_000;

  private final Map<String, List<String>> values;

  private FormBody(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Decodes {@code body} as UTF-8 form encoding ({@code +} is a space). An empty body has no names.
   * A broken percent escape or too many pairs is an {@link IllegalArgumentException} whose message
   * never repeats the body.
   */
  public static FormBody parse(String body) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return new FormBody(values);
    }
    int pairs = 0;
    for (String pair : body.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++pairs > MAX_PAIRS) {
        throw new IllegalArgumentException("the form has more than " + MAX_PAIRS + " fields");
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }
    values.replaceAll((name, list) -> List.copyOf(list));
    return new FormBody(values);
  }

  public static FormBody parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /** The first value of {@code name}, if it is present. */
  public Optional<String> first(String name) {
    List<String> all = values.get(name);
    return all == null ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every value of {@code name}, in order; empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Names and their values, in the order first received. */
  public Map<String, List<String>> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the form has a broken percent escape");
    }
  }

  /** Names only: values may hold phone numbers. */
  @Override
  public String toString() {
    return "FormBody" + values.keySet();
  }
}
