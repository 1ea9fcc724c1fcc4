package dev.frontdoor.outbound.delivery;

/** What the Graph API answered to one send. */
public sealed interface GraphResult {

  /** Accepted: the message has this wamid and must never be sent again. */
  record Accepted(String wamid) implements GraphResult {}

  /** An error answer, with Meta's code and what to do about it. */
  record Rejected(int httpStatus, int code, String title, GraphErrorClass errorClass)
      implements GraphResult {}

  /**
   * No answer. {@code requestSent} says whether the request may have reached Meta (a timeout after
   * sending): then the outcome is unknown and a resend could duplicate the message.
   */
  record Unreachable(String reason, boolean requestSent) implements GraphResult {}
}
