package dev.frontdoor.outbound.send;

import java.util.Arrays;

/**
 * The answer to a send request, stored whole under its idempotency key: a reason (its wire {@code
 * code} is what is stored), a sentence for the caller and, when queued, the message id.
 */
public record SendOutcome(Reason reason, String message, String messageId) {

  /** Why the request was or was not queued; the handler maps each to an HTTP status. */
  public enum Reason {
    QUEUED("queued"),
    INVALID_REQUEST("invalid_request"),
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused"),
    OPTED_OUT("opted_out"),
    WINDOW_CLOSED("window_closed");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    /** The reason a stored code names. */
    public static Reason ofCode(String code) {
      return Arrays.stream(values())
          .filter(reason -> reason.code.equals(code))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no send outcome is called " + code));
    }
  }

  public static SendOutcome queued(String messageId) {
    return new SendOutcome(Reason.QUEUED, "the message is queued", messageId);
  }

  public static SendOutcome refused(Reason reason, String message) {
    return new SendOutcome(reason, message, null);
  }

  public String code() {
    return reason.code();
  }

  public boolean isQueued() {
    return reason == Reason.QUEUED;
  }
}
