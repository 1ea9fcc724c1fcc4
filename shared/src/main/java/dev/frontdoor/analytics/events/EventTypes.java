package dev.frontdoor.analytics.events;

/** The event types of schema version 1 (docs/events.md). */
public final class EventTypes {
  private EventTypes() {}

  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String MESSAGE_STATUS_CHANGED = "message.status_changed";
  public static final String CALL_ENDED = "call.ended";
  public static final String SUMMARY_SENT = "summary.sent";
  public static final String CUSTOMER_ERASED = "customer.erased";
}
