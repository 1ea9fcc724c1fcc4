package dev.frontdoor.threads;

/**
 * Seen from the customer: {@link #INBOUND} when the customer called the business, {@link #OUTBOUND}
 * when the business called the customer. A provider's own direction is per leg (a Twilio client leg
 * is "inbound" even when an agent dials a customer), so parsers derive this from which side the
 * customer is on, and keep the provider's word in the event's details.
 */
public enum CallDirection {
  INBOUND,
  OUTBOUND;

  /** {@code inbound} or {@code outbound}, as stored. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
