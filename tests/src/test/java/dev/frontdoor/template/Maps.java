package dev.frontdoor.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of the untyped YAML tree; a value of the wrong shape reads as empty. */
final class Maps {
  private Maps() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  /**
   * A whole number written as a YAML integer or as a numeric string, as CloudFormation takes it.
   */
  static Optional<Long> wholeNumber(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return Optional.of(((Number) value).longValue());
    }
    if (value instanceof String text) {
      try {
        return Optional.of(Long.parseLong(text.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** {@code true}/{@code false} as a YAML boolean or as the strings CloudFormation accepts. */
  static Optional<Boolean> bool(Object value) {
    if (value instanceof Boolean flag) {
      return Optional.of(flag);
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Optional.of(Boolean.parseBoolean((String) value));
    }
    return Optional.empty();
  }
}
