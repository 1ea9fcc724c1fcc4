package dev.frontdoor.threads;

import java.time.Duration;

/**
 * Meta's customer service window with one business number: free-form messages may be sent for 24
 * hours after the customer's latest message to that number (by Meta's timestamp, so a late or
 * repeated webhook never moves it back).
 */
public record ServiceWindow(String businessNumberId, long lastInboundAt) {
  public static final Duration LENGTH = Duration.ofHours(24);

  public long closesAt() {
    return lastInboundAt + LENGTH.toMillis();
  }

  public boolean isOpenAt(long nowMillis) {
    return nowMillis < closesAt();
  }
}
