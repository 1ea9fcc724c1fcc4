package dev.frontdoor.common;

import java.util.regex.Pattern;

/**
 * Who acted: an agent's or a system's stable id as the organisation names it (an email, a staff
 * number, {@code crm}), recorded on every outbound message, call and summary so the history says
 * who said what after staff leave. Neutral, so each API that takes one keeps its own refusal.
 */
public final class AgentId {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,127}");

  private AgentId() {}

  /** The id, or why it is not one (naming {@code field}). */
  public static String check(String field, String value) {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidAgentIdException(
          field
              + ": 1 to 128 characters, letters, digits and . _ @ + : - (an agent's or system's"
              + " id)");
    }
    return value;
  }

  public static boolean valid(String value) {
    return value != null && FORMAT.matcher(value).matches();
  }

  /** Not an agent id; the message names the field. */
  public static final class InvalidAgentIdException extends IllegalArgumentException {
    InvalidAgentIdException(String reason) {
      super(reason);
    }
  }
}
