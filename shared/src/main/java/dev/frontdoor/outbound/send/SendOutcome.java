package dev.frontdoor.outbound.send;

/** The answer to a send request, stored whole under its idempotency key. */
public record SendOutcome(int status, String code, String message, String messageId) {

  public static SendOutcome queued(String messageId) {
    return new SendOutcome(202, "queued", "the message is queued", messageId);
  }

  public static SendOutcome refused(int status, String code, String message) {
    return new SendOutcome(status, code, message, null);
  }

  public boolean isQueued() {
    return status == 202;
  }
}
