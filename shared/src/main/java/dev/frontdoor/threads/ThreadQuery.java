package dev.frontdoor.threads;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import java.util.Optional;

/**
 * A page of one customer's timeline: the latest items by default, or those before or after a cursor
 * from an earlier page of the same thread. Validates itself: at most one cursor, issued for this
 * customer, a limit of 1 to 200.
 */
public record ThreadQuery(
    CustomerKey customer, Optional<Cursor> before, Optional<Cursor> after, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public ThreadQuery {
    if (before.isPresent() && after.isPresent()) {
      throw new IllegalArgumentException("give either before or after, not both");
    }
    for (Optional<Cursor> cursor : java.util.List.of(before, after)) {
      if (cursor.isPresent() && !cursor.get().customer().equals(customer.value())) {
        throw new InvalidCursorException("the cursor is a position in another customer's thread");
      }
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** A page of a number's thread. */
  public ThreadQuery(
      CustomerNumber customer, Optional<Cursor> before, Optional<Cursor> after, int limit) {
    this(CustomerKey.of(customer), before, after, limit);
  }
}
