package dev.frontdoor.testing.memory;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.ServiceWindow;
import dev.frontdoor.threads.ThreadState;
import dev.frontdoor.threads.port.out.CustomerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CustomerStore} in memory: the {@code THREAD} item (activity only moves forward), the
 * {@code OPTOUT} item converging on the latest change whatever the arrival order, and service
 * windows derived from the last day's unexpired inbound messages, and each business number's call
 * permission converging on the latest answer (as DynamoDbCustomerStore).
 */
public final class InMemoryCustomerStore implements CustomerStore {
  private static final Duration OPT_OUT_RETENTION = Duration.ofDays(5 * 365);

  private final InMemoryTimeline timeline;
  private final Duration retention;
  private final Map<CustomerKey, Map<String, Map<String, Object>>> callPermissions =
      new ConcurrentHashMap<>();
  private final Map<CustomerKey, Map<String, Object>> threads = new ConcurrentHashMap<>();
  private final Map<CustomerKey, Map<String, Object>> optOuts = new ConcurrentHashMap<>();

  public InMemoryCustomerStore(InMemoryTimeline timeline, Duration retention) {
    this.timeline = timeline;
    this.retention = retention;
  }

  @Override
  public void touchThread(
      CustomerNumber customer,
      BusinessNumber business,
      long atMillis,
      String profileName,
      Instant now) {
    threads.compute(
        CustomerKey.of(customer),
        (c, old) -> {
          Map<String, Object> thread =
              old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
          @SuppressWarnings("unchecked")
          TreeSet<String> numbers =
              new TreeSet<>((Set<String>) thread.getOrDefault("business_numbers", Set.of()));
          numbers.add(business.phoneNumberId());
          thread.put("business_numbers", numbers);
          Object last = thread.get("last_activity_at");
          if (last == null || ((Number) last).longValue() < atMillis) {
            thread.putIfAbsent("created_at", atMillis);
            thread.put("last_activity_at", atMillis);
            thread.put(
                InMemoryTimeline.EXPIRES_AT,
                Instant.ofEpochMilli(Math.max(atMillis, now.toEpochMilli()))
                    .plus(retention)
                    .getEpochSecond());
            if (profileName != null) {
              thread.put("profile_name", profileName);
            }
          }
          return thread;
        });
  }

  @Override
  public void recordOptOut(
      CustomerKey customer, boolean optedOut, long atMillis, String source, Instant now) {
    Duration keep = optedOut ? OPT_OUT_RETENTION : retention;
    optOuts.compute(
        customer,
        (c, old) -> {
          if (old != null && ((Number) old.get("changed_at")).longValue() >= atMillis) {
            return old;
          }
          Map<String, Object> item = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
          item.put("opted_out", optedOut);
          item.put("changed_at", atMillis);
          item.put(optedOut ? "opted_out_at" : "opt_in_at", atMillis);
          item.put("source", source);
          item.put(
              InMemoryTimeline.EXPIRES_AT,
              Instant.ofEpochMilli(Math.max(atMillis, now.toEpochMilli()))
                  .plus(keep)
                  .getEpochSecond());
          return item;
        });
  }

  @Override
  public void recordCallPermission(CustomerKey customer, CallPermission permission, Instant now) {
    long keepFrom =
        Math.max(
            Math.max(permission.answeredAt(), now.toEpochMilli()),
            permission.expiresAt().orElse(0L));
    Map<String, Object> item = new LinkedHashMap<>(permission.attributes());
    item.put("entity", "call_permission");
    item.put(
        InMemoryTimeline.EXPIRES_AT,
        Instant.ofEpochMilli(keepFrom).plus(retention).getEpochSecond());
    callPermissions
        .computeIfAbsent(customer, c -> new ConcurrentHashMap<>())
        .merge(
            permission.businessNumberId(),
            item,
            (old, given) -> permission.supersedes(CallPermission.fromStored(old)) ? given : old);
  }

  /** The unexpired {@code PERM#CALL#} items' attributes, one per business number answered. */
  public List<Map<String, Object>> callPermissions(CustomerKey customer, Instant now) {
    List<Map<String, Object>> live = new ArrayList<>();
    callPermissions
        .getOrDefault(customer, Map.of())
        .values()
        .forEach(item -> live(item, now).ifPresent(live::add));
    return live;
  }

  @Override
  public Optional<OptOutChange> optOutChange(CustomerKey customer, Instant now) {
    return optOut(customer, now)
        .map(
            item ->
                new OptOutChange(
                    Boolean.TRUE.equals(item.get("opted_out")),
                    ((Number) item.get("changed_at")).longValue(),
                    (String) item.get("source")));
  }

  @Override
  public ThreadState threadState(CustomerNumber customer, String businessNumberId, Instant now) {
    Map<String, Long> windows = new LinkedHashMap<>();
    windows(CustomerKey.of(customer), now)
        .forEach((number, window) -> windows.put(number, window.closesAt()));
    return new ThreadState(windows, optedOut(CustomerKey.of(customer), now));
  }

  /** The service window with each business number the customer wrote to in the last day. */
  public Map<String, ServiceWindow> windows(CustomerNumber customer, Instant now) {
    return windows(CustomerKey.of(customer), now);
  }

  public Map<String, ServiceWindow> windows(CustomerKey customer, Instant now) {
    long from = now.toEpochMilli() - ServiceWindow.LENGTH.toMillis();
    Map<String, ServiceWindow> windows = new TreeMap<>();
    timeline
        .live(customer, now)
        .forEach(
            (sk, item) -> {
              if ("in".equals(item.get("direction"))
                  && item.containsKey("business_number_id")
                  && InMemoryTimeline.timeOf(sk) >= from) {
                String number = (String) item.get("business_number_id");
                // Oldest first: the last one seen from a number is its latest.
                windows.put(number, new ServiceWindow(number, InMemoryTimeline.timeOf(sk)));
              }
            });
    return windows;
  }

  /** The {@code THREAD} item's attributes, when unexpired. */
  public Optional<Map<String, Object>> thread(CustomerNumber customer, Instant now) {
    return thread(CustomerKey.of(customer), now);
  }

  public Optional<Map<String, Object>> thread(CustomerKey customer, Instant now) {
    return live(threads.get(customer), now);
  }

  /** The {@code OPTOUT} item's attributes, when unexpired. */
  public Optional<Map<String, Object>> optOut(CustomerNumber customer, Instant now) {
    return optOut(CustomerKey.of(customer), now);
  }

  public Optional<Map<String, Object>> optOut(CustomerKey customer, Instant now) {
    return live(optOuts.get(customer), now);
  }

  private boolean optedOut(CustomerKey customer, Instant now) {
    return optOut(customer, now)
        .map(item -> Boolean.TRUE.equals(item.get("opted_out")))
        .orElse(false);
  }

  private static Optional<Map<String, Object>> live(Map<String, Object> item, Instant now) {
    return Optional.ofNullable(item).filter(found -> !InMemoryTimeline.expired(found, now));
  }
}
