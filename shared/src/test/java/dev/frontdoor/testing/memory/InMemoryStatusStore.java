package dev.frontdoor.testing.memory;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.StatusRanks;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.port.out.StatusStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link StatusStore} in memory: the message's status moving forward only with first-seen values
 * kept, status items insert-once for statuses of no message, pending statuses per wamid (as
 * DynamoDbStatusStore does).
 */
public final class InMemoryStatusStore implements StatusStore {
  private final InMemoryTimeline timeline;
  private final Duration retention;
  private final Map<String, Map<String, StatusUpdate>> pending = new ConcurrentHashMap<>();

  public InMemoryStatusStore(InMemoryTimeline timeline, Duration retention) {
    this.timeline = timeline;
    this.retention = retention;
  }

  @Override
  public boolean putStatus(StatusUpdate status, Optional<MessageRef> target, Instant now) {
    CustomerKey customer =
        target.map(ref -> CustomerKey.of(ref.customer())).orElseGet(status::recipientKey);
    String sk =
        InMemoryTimeline.sortKey(
            status.atMillis(), "STATUS", status.wamid() + "#" + status.status());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("entity", "status");
    item.put("at", status.atMillis());
    item.put("received_at", now.toEpochMilli());
    item.put(InMemoryTimeline.EXPIRES_AT, now.plus(retention).getEpochSecond());
    target.ifPresent(ref -> item.put("message_sk", ref.sortKey()));
    item.put("wamid", status.wamid());
    item.put("status", status.status());
    item.put("business_number_id", status.business().phoneNumberId());
    return timeline.putIfAbsent(customer, sk, item);
  }

  @Override
  public StatusApplied applyStatus(MessageRef target, StatusUpdate status) {
    int rank =
        StatusRanks.of(status.status())
            .orElseThrow(() -> new IllegalArgumentException("not a message status"));
    AtomicBoolean advanced = new AtomicBoolean();
    AtomicBoolean wamidWasMissing = new AtomicBoolean();
    AtomicBoolean firstSeen = new AtomicBoolean();
    boolean found =
        timeline
            .update(
                target,
                item -> {
                  wamidWasMissing.set(!item.containsKey("wamid"));
                  Object current = item.get("status_rank");
                  if (current == null || ((Number) current).intValue() < rank) {
                    item.put("status", status.status());
                    item.put("status_rank", rank);
                    advanced.set(true);
                  }
                  firstSeen.set(
                      item.putIfAbsent("status_at_" + status.status(), status.atMillis()) == null);
                  if (status.recipientUserId() != null) {
                    item.putIfAbsent("user_id", status.recipientUserId().value());
                  }
                  item.putIfAbsent("wamid", status.wamid());
                  putIfNotEmpty(item, "pricing", status.pricing());
                  putIfNotEmpty(item, "conversation", status.conversation());
                  if (status.status().equals("failed") && !status.errors().isEmpty()) {
                    putIfNotEmpty(item, "error", status.errors().get(0));
                  }
                  return item;
                })
            .isPresent();
    return found
        ? new StatusApplied(true, advanced.get(), wamidWasMissing.get(), firstSeen.get())
        : new StatusApplied(false, false, false, false);
  }

  @Override
  public boolean putPendingStatus(StatusUpdate status, Instant now) {
    // The store keeps no recipient with a pending status: it is resolved from the message.
    StatusUpdate kept =
        new StatusUpdate(
            status.wamid(),
            status.status(),
            null,
            status.business(),
            status.atMillis(),
            status.callbackData(),
            status.pricing(),
            status.conversation(),
            status.errors(),
            status.source());
    return pending
            .computeIfAbsent(status.wamid(), wamid -> new ConcurrentHashMap<>())
            .putIfAbsent(pendingKey(status), kept)
        == null;
  }

  @Override
  public List<StatusUpdate> pendingStatuses(String wamid) {
    List<StatusUpdate> statuses = new ArrayList<>(pending.getOrDefault(wamid, Map.of()).values());
    statuses.sort(Comparator.comparingLong(StatusUpdate::atMillis));
    return statuses;
  }

  @Override
  public void deletePendingStatus(StatusUpdate status) {
    pending.getOrDefault(status.wamid(), new ConcurrentHashMap<>()).remove(pendingKey(status));
  }

  private static String pendingKey(StatusUpdate status) {
    return status.status() + "#" + status.atMillis();
  }

  private static void putIfNotEmpty(
      Map<String, Object> item, String name, Map<String, Object> value) {
    if (!value.isEmpty()) {
      item.putIfAbsent(name, value);
    }
  }
}
