package dev.frontdoor.testing.memory;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.MessageRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The customers' timelines as the table keeps them: items by {@code EV#<13-digit ms>#<KIND>#<id>}
 * sort key, which sorts in time order, each with its {@code expires_at} (epoch seconds). Shared by
 * the in-memory message, status and call stores as the one table is by the DynamoDB ones.
 */
public final class InMemoryTimeline {
  static final String EXPIRES_AT = "expires_at";

  private final Map<CustomerKey, ConcurrentSkipListMap<String, Map<String, Object>>> customers =
      new ConcurrentHashMap<>();

  /** The sort key of a timeline item, as docs/data-model.md 5.4 formats it. */
  public static String sortKey(long atMillis, String kind, String id) {
    return String.format("EV#%013d#%s#%s", Math.max(0, atMillis), kind, id);
  }

  /** The time in a timeline sort key. */
  public static long timeOf(String sortKey) {
    return Long.parseLong(sortKey.substring(3, 16));
  }

  /** Insert-once: {@code false} when an item with this key is already there. */
  boolean putIfAbsent(CustomerNumber customer, String sortKey, Map<String, Object> item) {
    return putIfAbsent(CustomerKey.of(customer), sortKey, item);
  }

  boolean putIfAbsent(CustomerKey customer, String sortKey, Map<String, Object> item) {
    return timeline(customer).putIfAbsent(sortKey, new LinkedHashMap<>(item)) == null;
  }

  /** Changes an item atomically; empty (and nothing created) when it is not there. */
  Optional<Map<String, Object>> update(MessageRef ref, UnaryOperator<Map<String, Object>> change) {
    return Optional.ofNullable(
        timeline(CustomerKey.of(ref.customer()))
            .computeIfPresent(
                ref.sortKey(), (sk, item) -> change.apply(new LinkedHashMap<>(item))));
  }

  /** An item, expired or not (TTL deletes lazily). */
  public Optional<Map<String, Object>> item(MessageRef ref) {
    return Optional.ofNullable(timeline(CustomerKey.of(ref.customer())).get(ref.sortKey()))
        .map(Map::copyOf);
  }

  /** The customer's unexpired items, oldest first, with their sort keys. */
  public NavigableMap<String, Map<String, Object>> live(CustomerNumber customer, Instant now) {
    return live(CustomerKey.of(customer), now);
  }

  /** The unexpired items of any thread, a number's or a BSUID's. */
  public NavigableMap<String, Map<String, Object>> live(CustomerKey customer, Instant now) {
    NavigableMap<String, Map<String, Object>> live = new ConcurrentSkipListMap<>();
    timeline(customer)
        .forEach(
            (sk, item) -> {
              if (!expired(item, now)) {
                live.put(sk, item);
              }
            });
    return live;
  }

  /** Every unexpired item of one entity ("message", "status", "call", "call_event"). */
  public List<Map<String, Object>> live(CustomerNumber customer, String entity, Instant now) {
    return live(CustomerKey.of(customer), entity, now);
  }

  public List<Map<String, Object>> live(CustomerKey customer, String entity, Instant now) {
    return live(customer, now).values().stream()
        .filter(item -> entity.equals(item.get("entity")))
        .toList();
  }

  static boolean expired(Map<String, Object> item, Instant now) {
    Object expires = item.get(EXPIRES_AT);
    return expires != null && ((Number) expires).longValue() <= now.getEpochSecond();
  }

  private ConcurrentSkipListMap<String, Map<String, Object>> timeline(CustomerKey customer) {
    return customers.computeIfAbsent(customer, c -> new ConcurrentSkipListMap<>());
  }
}
