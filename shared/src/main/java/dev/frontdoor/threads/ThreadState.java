package dev.frontdoor.threads;

import java.util.Map;

/**
 * What a send must know about the customer, read in one consistent query: the window's closing time
 * with each business number, and whether the customer opted out.
 */
public record ThreadState(Map<String, Long> windowClosesAt, boolean optedOut) {

  public boolean windowOpen(String businessNumberId, long nowMillis) {
    Long closes = windowClosesAt.get(businessNumberId);
    return closes != null && nowMillis < closes;
  }
}
