package dev.frontdoor.threads;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of a thread: items in time order (oldest first), the service window with each business
 * number, the thread's summary, and cursors to the neighbouring pages when there are more items.
 */
public record ThreadView(
    String customer,
    Map<String, Object> thread,
    List<Window> windows,
    List<Map<String, Object>> items,
    Optional<Cursor> before,
    Optional<Cursor> after) {

  /** The {@code before} cursor as the API hands it out. */
  public Optional<String> beforeToken() {
    return before.map(Cursor::encode);
  }

  /** The {@code after} cursor as the API hands it out. */
  public Optional<String> afterToken() {
    return after.map(Cursor::encode);
  }

  /** The 24 h customer service window with one business number. */
  public record Window(String businessNumberId, long lastInboundAt, long closesAt, boolean open) {
    /** How a derived service window reads at {@code now}. */
    public static Window of(ServiceWindow window, Instant now) {
      return new Window(
          window.businessNumberId(),
          window.lastInboundAt(),
          window.closesAt(),
          window.isOpenAt(now.toEpochMilli()));
    }
  }
}
