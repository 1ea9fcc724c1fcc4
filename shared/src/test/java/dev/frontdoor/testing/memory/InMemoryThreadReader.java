package dev.frontdoor.testing.memory;

import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.Cursor;
import dev.frontdoor.threads.PageCursors;
import dev.frontdoor.threads.PublicFields;
import dev.frontdoor.threads.ServiceWindow;
import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadView;
import dev.frontdoor.threads.port.out.ThreadReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * {@link ThreadReader} over the in-memory stores, paging as DynamoDbThreadReader does: newest first
 * by default, cursors from sort keys, a further page announced whenever a page is full. Unlike the
 * table, expired items do not count towards a page's limit.
 */
public final class InMemoryThreadReader implements ThreadReader {
  private final InMemoryTimeline timeline;
  private final InMemoryCustomerStore customers;

  public InMemoryThreadReader(InMemoryStores stores) {
    this.timeline = stores.timeline();
    this.customers = stores.customers();
  }

  @Override
  public ThreadView read(ThreadQuery query, Instant now) {
    boolean forward = query.after().isPresent();
    Optional<Cursor> from = forward ? query.after() : query.before();
    NavigableMap<String, Map<String, Object>> live = timeline.live(query.customer(), now);
    NavigableMap<String, Map<String, Object>> range =
        forward
            ? live.tailMap(from.get().sortKey(), false)
            : (from.isPresent() ? live.headMap(from.get().sortKey(), false) : live).descendingMap();
    List<String> keys = range.keySet().stream().limit(query.limit()).toList();
    List<String> stored = new ArrayList<>(keys);
    if (!forward) {
      Collections.reverse(stored);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    stored.forEach(sk -> items.add(PublicFields.timelineItem(live.get(sk))));
    Optional<String> onwards =
        keys.size() == query.limit() ? Optional.of(keys.get(keys.size() - 1)) : Optional.empty();
    Optional<String> edge =
        stored.isEmpty()
            ? Optional.empty()
            : Optional.of(forward ? stored.get(0) : stored.get(stored.size() - 1));
    PageCursors cursors = PageCursors.of(query, onwards, edge);
    return new ThreadView(
        query.customer().value(),
        thread(query, now, items),
        windows(query, now),
        items,
        cursors.before(),
        cursors.after());
  }

  private Map<String, Object> thread(
      ThreadQuery query, Instant now, List<Map<String, Object>> items) {
    Map<String, Object> thread = new LinkedHashMap<>();
    customers
        .optOut(query.customer(), now)
        .ifPresent(item -> thread.putAll(PublicFields.thread(item)));
    customers
        .thread(query.customer(), now)
        .ifPresent(item -> thread.putAll(PublicFields.thread(item)));
    // The name on the customer's latest message of the last day; else on this page's newest.
    long dayAgo = now.toEpochMilli() - ServiceWindow.LENGTH.toMillis();
    latestProfileName(timeline.live(query.customer(), "message", now), dayAgo)
        .or(() -> latestProfileName(items, Long.MIN_VALUE))
        .ifPresent(name -> thread.put("profile_name", name));
    PublicFields.callPermissions(
            customers.callPermissions(query.customer(), now).stream()
                .map(CallPermission::fromStored)
                .toList(),
            now)
        .ifPresent(thread::putAll);
    return thread;
  }

  private List<ThreadView.Window> windows(ThreadQuery query, Instant now) {
    List<ThreadView.Window> windows = new ArrayList<>();
    for (ServiceWindow window : customers.windows(query.customer(), now).values()) {
      windows.add(ThreadView.Window.of(window, now));
    }
    return windows;
  }

  private static Optional<String> latestProfileName(
      List<Map<String, Object>> itemsInTimeOrder, long fromMillis) {
    for (int i = itemsInTimeOrder.size() - 1; i >= 0; i--) {
      Map<String, Object> item = itemsInTimeOrder.get(i);
      if ("in".equals(item.get("direction"))
          && ((Number) item.get("at")).longValue() >= fromMillis
          && item.get("profile_name") instanceof String name) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
