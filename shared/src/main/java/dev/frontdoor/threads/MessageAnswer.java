package dev.frontdoor.threads;

import java.util.Map;
import java.util.Optional;

/** A message's public view, or why there is none. */
public record MessageAnswer(Reason reason, Optional<Map<String, Object>> view) {
  public enum Reason {
    FOUND,
    NOT_FOUND,
    INVALID_ID
  }

  public static MessageAnswer found(Map<String, Object> view) {
    return new MessageAnswer(Reason.FOUND, Optional.of(view));
  }

  public static MessageAnswer none(Reason reason) {
    return new MessageAnswer(reason, Optional.empty());
  }
}
