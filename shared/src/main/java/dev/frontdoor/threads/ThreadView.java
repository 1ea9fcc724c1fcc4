package dev.frontdoor.threads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  public ThreadView {
    items = withSummaryStatuses(items);
  }

  /**
   * A summary shows its message's delivery status: the message sorts at the summary's time (the
   * summary's sort key is the message id's time), so both are on the same page.
   */
  private static List<Map<String, Object>> withSummaryStatuses(List<Map<String, Object>> items) {
    Map<Object, Object> statuses = new HashMap<>();
    for (Map<String, Object> item : items) {
      if ("message".equals(item.get("entity")) && item.get("message_id") != null) {
        statuses.put(item.get("message_id"), item.get("status"));
      }
    }
    List<Map<String, Object>> joined = new ArrayList<>(items.size());
    for (Map<String, Object> item : items) {
      Object status = statuses.get(item.get("message_id"));
      if ("summary".equals(item.get("entity")) && status != null) {
        Map<String, Object> summary = new LinkedHashMap<>(item);
        summary.put("delivery_status", status);
        joined.add(summary);
      } else {
        joined.add(item);
      }
    }
    return List.copyOf(joined);
  }

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
