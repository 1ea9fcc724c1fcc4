package dev.frontdoor.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment variables an entry point was started with. Lambda passes {@link System#getenv()};
 * the local runtime passes its own map, with the same names.
 */
public final class Environment {
  private final Map<String, String> values;

  private Environment(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Environment of(Map<String, String> values) {
    return new Environment(values);
  }

  public static Environment system() {
    return new Environment(System.getenv());
  }

  /** The value if set and not blank. */
  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String require(String name) {
    return get(name).orElseThrow(() -> new ConfigException(name, "is required but not set"));
  }

  /** A whole number above zero (at most 9 digits), or the default; a bad value names itself. */
  public int positiveInt(String name, int fallback) {
    return (int) positive(name, fallback, 9);
  }

  /** A whole number above zero (at most 18 digits), or the default; a bad value names itself. */
  public long positiveLong(String name, long fallback) {
    return positive(name, fallback, 18);
  }

  private long positive(String name, long fallback, int maxDigits) {
    return get(name)
        .map(
            value -> {
              if (!value.matches("\\d{1," + maxDigits + "}") || Long.parseLong(value) == 0) {
                throw new ConfigException(name, "must be a whole number above zero");
              }
              return Long.parseLong(value);
            })
        .orElse(fallback);
  }

  /** A copy with more values; later values win. */
  public Environment with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new Environment(merged);
  }

  public Map<String, String> asMap() {
    return values;
  }
}
