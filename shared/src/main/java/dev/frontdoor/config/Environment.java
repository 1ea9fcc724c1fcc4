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
