package dev.frontdoor.domain.outbound;

/** What became of one queued message in one attempt. */
public record Delivery(boolean done, int retryAfterSeconds, String outcome) {
  public static Delivery done(String outcome) {
    return new Delivery(true, 0, outcome);
  }

  public static Delivery retry(int seconds, String outcome) {
    return new Delivery(false, seconds, outcome);
  }
}
