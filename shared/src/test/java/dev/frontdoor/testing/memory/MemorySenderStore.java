package dev.frontdoor.testing.memory;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.outbound.QueuedMessage;
import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.threads.MessageRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link SenderStore} in memory, with the conditions of the table's writes (docs/data-model.md,
 * 9.4): a claim only without a wamid, below {@code sent} and without a live lease; {@code failed},
 * {@code unknown} and {@code dead_lettered} never overwrite a later state.
 */
public final class MemorySenderStore implements SenderStore {
  private static final Map<String, Integer> RANKS =
      Map.of("queued", 0, "sending", 1, "unknown", 1, "dead_lettered", 1, "sent", 2, "failed", 3);

  /** One outbound message as the table holds it. */
  public static final class Item {
    final String messageId;
    final MessageRef ref;
    final String businessNumberId;
    public String status = "queued";
    public Optional<String> wamid = Optional.empty();
    public long unknownAt;
    public long leaseUntil;
    public int attempts;
    public Integer failedCode;
    public String notSentReason;
    public Map<String, Object> payload = Map.of("type", "text", "text", Map.of("body", "hello"));
    public String deadLetterReason;

    Item(String messageId, MessageRef ref, String businessNumberId) {
      this.messageId = messageId;
      this.ref = ref;
      this.businessNumberId = businessNumberId;
    }

    int rank() {
      return RANKS.get(status);
    }

    QueuedMessage snapshot() {
      return new QueuedMessage(
          messageId,
          ref,
          businessNumberId,
          payload,
          status,
          rank(),
          wamid,
          unknownAt,
          leaseUntil,
          attempts);
    }
  }

  /** When the tests' messages were queued: {@link MemorySender}'s clock starts here. */
  static final Instant QUEUED_AT = Instant.parse("2026-03-01T10:00:00Z");

  private final Map<String, Item> byMessageId = new HashMap<>();
  private final Map<MessageRef, Item> byRef = new HashMap<>();
  private final Map<String, Long> paces = new HashMap<>();
  private final Set<CustomerNumber> optedOut = new HashSet<>();
  private boolean unavailable;

  /** A queued message to {@code customerE164} from {@code businessNumberId}; tests adjust it. */
  public synchronized Item add(String messageId, String customerE164, String businessNumberId) {
    MessageRef ref =
        new MessageRef(
            new CustomerNumber(customerE164),
            InMemoryTimeline.sortKey(QUEUED_AT.toEpochMilli(), "MSG", messageId));
    Item item = new Item(messageId, ref, businessNumberId);
    byMessageId.put(messageId, item);
    byRef.put(ref, item);
    return item;
  }

  /** The customer opts out (or, with {@code false}, back in) of business-initiated messages. */
  public synchronized void optOut(String customerE164, boolean out) {
    if (out) {
      optedOut.add(new CustomerNumber(customerE164));
    } else {
      optedOut.remove(new CustomerNumber(customerE164));
    }
  }

  public synchronized Item item(String messageId) {
    return byMessageId.get(messageId);
  }

  /** From now on every call fails as a table that does not answer. */
  public synchronized void goUnavailable() {
    unavailable = true;
  }

  @Override
  public synchronized Optional<QueuedMessage> load(String messageId, Instant now) {
    answer();
    return Optional.ofNullable(byMessageId.get(messageId)).map(Item::snapshot);
  }

  private Runnable duringEachClaim = () -> {};

  /** Runs during every claim, e.g. to move a {@link ManualClock} by a slow write's duration. */
  public synchronized void duringEachClaim(Runnable action) {
    this.duringEachClaim = action;
  }

  @Override
  public synchronized boolean claim(MessageRef ref, Instant now, long leaseMillis) {
    answer();
    duringEachClaim.run();
    Item item = byRef.get(ref);
    if (item == null
        || item.wamid.isPresent()
        || item.rank() > 1
        || (item.leaseUntil != 0 && item.leaseUntil >= now.toEpochMilli())) {
      return false;
    }
    item.status = "sending";
    item.leaseUntil = now.toEpochMilli() + leaseMillis;
    item.attempts++;
    return true;
  }

  @Override
  public synchronized void release(MessageRef ref) {
    answer();
    byRef.get(ref).leaseUntil = 0;
  }

  @Override
  public synchronized void recordAccepted(MessageRef ref, String wamid, Instant now) {
    answer();
    Item item = byRef.get(ref);
    if (item.wamid.isEmpty()) {
      item.wamid = Optional.of(wamid);
    }
    item.leaseUntil = 0;
  }

  @Override
  public synchronized void recordFailed(MessageRef ref, int code, String title, Instant now) {
    answer();
    Item item = byRef.get(ref);
    if (item.rank() < 3) {
      item.status = "failed";
      item.failedCode = code;
      item.leaseUntil = 0;
    }
  }

  @Override
  public synchronized boolean optedOut(CustomerNumber customer, Instant now) {
    answer();
    return optedOut.contains(customer);
  }

  @Override
  public synchronized void recordNotSent(MessageRef ref, String reason, String title, Instant now) {
    answer();
    Item item = byRef.get(ref);
    if (item.rank() < 3 && item.wamid.isEmpty()) {
      item.status = "failed";
      item.notSentReason = reason;
      item.leaseUntil = 0;
    }
  }

  @Override
  public synchronized void recordUnknown(MessageRef ref, Instant now) {
    answer();
    Item item = byRef.get(ref);
    if (item.rank() <= 1 && item.wamid.isEmpty()) {
      item.status = "unknown";
      item.unknownAt = now.toEpochMilli();
      item.leaseUntil = 0;
    }
  }

  @Override
  public synchronized void recordDeadLettered(MessageRef ref, String reason, Instant now) {
    answer();
    Item item = byRef.get(ref);
    if (item.rank() <= 1 && item.wamid.isEmpty()) {
      item.status = "dead_lettered";
      item.deadLetterReason = reason;
    }
  }

  @Override
  public synchronized OptionalLong startPace(
      MessageRef ref, String businessNumberId, long nowMillis, long nextTat) {
    answer();
    String key = ref.customer().e164() + "|" + businessNumberId;
    Long tat = paces.get(key);
    if (tat == null || tat <= nowMillis) {
      paces.put(key, nextTat);
      return OptionalLong.empty();
    }
    return OptionalLong.of(tat);
  }

  private Runnable duringEachPaceAdvance = () -> {};

  /** Runs during every pace advance, e.g. to see what was already recorded at that moment. */
  public synchronized void duringEachPaceAdvance(Runnable action) {
    this.duringEachPaceAdvance = action;
  }

  @Override
  public synchronized boolean advancePace(
      MessageRef ref, String businessNumberId, long oldTat, long newTat) {
    answer();
    duringEachPaceAdvance.run();
    String key = ref.customer().e164() + "|" + businessNumberId;
    if (!Long.valueOf(oldTat).equals(paces.get(key))) {
      return false;
    }
    paces.put(key, newTat);
    return true;
  }

  /** The customer's pair-pacing time (ms), or null when none was set. */
  public synchronized Long pace(String e164, String businessNumberId) {
    return paces.get(e164 + "|" + businessNumberId);
  }

  private void answer() {
    if (unavailable) {
      throw new StoreUnavailableException("the in-memory table is switched off", null);
    }
  }
}
