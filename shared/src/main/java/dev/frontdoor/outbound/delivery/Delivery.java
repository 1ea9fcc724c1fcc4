package dev.frontdoor.outbound.delivery;

/**
 * What became of one queued message in one attempt.
 *
 * @param sendAttempted the message was claimed for a send this time (counts towards the attempts
 *     after which it is dead-lettered; waiting for pacing or for another attempt does not)
 */
public record Delivery(boolean done, int retryAfterSeconds, String outcome, boolean sendAttempted) {
  public static Delivery done(String outcome) {
    return new Delivery(true, 0, outcome, false);
  }

  /** Not sent yet, and no send was attempted: waiting for its turn. */
  public static Delivery retry(int seconds, String outcome) {
    return new Delivery(false, seconds, outcome, false);
  }

  /** A send was attempted and did not succeed; it may be tried again. */
  public static Delivery retryAfterAttempt(int seconds, String outcome) {
    return new Delivery(false, seconds, outcome, true);
  }
}
