package dev.frontdoor.testing.memory;

import com.github.f4b6a3.ulid.Ulid;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.outbound.send.SendRequest;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.PublicFields;
import dev.frontdoor.threads.port.out.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MessageStore} in memory: message items insert-once on the shared timeline, lookups that
 * expire with their target (as DynamoDbMessageStore keeps them).
 */
public final class InMemoryMessageStore implements MessageStore {
  private final InMemoryTimeline timeline;
  private final Duration retention;
  private final Map<String, Lookup> byWamid = new ConcurrentHashMap<>();
  private final Map<String, Lookup> byMessageId = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private final AtomicLong lookupReads = new AtomicLong();

  public InMemoryMessageStore(InMemoryTimeline timeline, Duration retention) {
    this.timeline = timeline;
    this.retention = retention;
  }

  /**
   * Makes the put of one inbound message throw, as the table would (a {@code
   * StoreRejectedException} for an item it cannot hold, {@code StoreUnavailableException} when
   * down).
   */
  public void failPutOf(String wamid, RuntimeException failure) {
    failures.put(wamid, failure);
  }

  @Override
  public Put putInboundMessage(InboundMessage message, Instant now) {
    RuntimeException failure = failures.get(message.wamid());
    if (failure != null) {
      throw failure;
    }
    String sk = InMemoryTimeline.sortKey(message.atMillis(), "MSG", message.wamid());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("entity", "message");
    item.put("at", message.atMillis());
    item.put("received_at", now.toEpochMilli());
    item.put(InMemoryTimeline.EXPIRES_AT, now.plus(retention).getEpochSecond());
    item.put("direction", "in");
    item.put("wamid", message.wamid());
    item.put("business_number_id", message.business().phoneNumberId());
    item.put("type", message.type());
    putIfPresent(item, "profile_name", message.profileName());
    if (message.userId() != null) {
      item.put("user_id", message.userId().value());
    }
    putIfPresent(item, "username", message.username());
    putIfPresent(item, "body", message.body());
    item.putAll(message.details());
    return new Put(message.customer(), sk, timeline.putIfAbsent(message.customer(), sk, item));
  }

  @Override
  public void putQueuedMessage(
      String messageId,
      SendRequest request,
      String apiClient,
      Optional<String> idempotencyKey,
      Instant createdAt) {
    long at = Ulid.from(messageId).getTime();
    String sk = InMemoryTimeline.sortKey(at, "MSG", messageId);
    long expires = expiresAt(at);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("entity", "message");
    item.put("at", at);
    item.put("direction", "out");
    item.put("message_id", messageId);
    item.put("business_number_id", request.businessNumberId());
    item.put("type", request.type());
    item.put("payload", request.message());
    putIfPresent(item, "body", request.preview());
    item.put("status", "queued");
    item.put("status_rank", 0);
    item.put("status_at_queued", at);
    item.put("api_client", apiClient);
    item.put("agent", request.agentOr(apiClient));
    idempotencyKey.ifPresent(key -> item.put("idempotency_key", key));
    request.summaryOfCallId().ifPresent(callId -> item.put("summary_of_call_id", callId));
    item.put(InMemoryTimeline.EXPIRES_AT, expires);
    timeline.putIfAbsent(request.customer(), sk, item);
    byMessageId.put(messageId, new Lookup(new MessageRef(request.customer(), sk), expires));
  }

  @Override
  public void putWamidLookup(String wamid, MessageRef target, Instant now) {
    byWamid.put(wamid, new Lookup(target, expiresAt(InMemoryTimeline.timeOf(target.sortKey()))));
  }

  @Override
  public Optional<MessageRef> findByWamid(String wamid, Instant now) {
    lookupReads.incrementAndGet();
    return live(byWamid.get(wamid), now);
  }

  @Override
  public Optional<MessageRef> findByMessageId(String messageId, Instant now) {
    lookupReads.incrementAndGet();
    return live(byMessageId.get(messageId), now);
  }

  /** Lookup reads so far (each a GetItem in the table), batch reads counted per key. */
  public long lookupReads() {
    return lookupReads.get();
  }

  @Override
  public MessageRef outboundRef(CustomerNumber customer, String messageId) {
    return new MessageRef(
        customer, InMemoryTimeline.sortKey(Ulid.from(messageId).getTime(), "MSG", messageId));
  }

  @Override
  public Lookups findAll(Collection<String> messageIds, Collection<String> wamids, Instant now) {
    Map<String, MessageRef> ids = new HashMap<>();
    Map<String, MessageRef> found = new HashMap<>();
    messageIds.forEach(id -> findByMessageId(id, now).ifPresent(ref -> ids.put(id, ref)));
    wamids.forEach(wamid -> findByWamid(wamid, now).ifPresent(ref -> found.put(wamid, ref)));
    return new Lookups(ids, found);
  }

  @Override
  public Optional<Map<String, Object>> messageView(String messageId, Instant now) {
    Lookup lookup = byMessageId.get(messageId);
    if (lookup == null) {
      return Optional.empty();
    }
    return timeline
        .item(lookup.target())
        .filter(item -> !InMemoryTimeline.expired(item, now))
        .map(PublicFields::messageView);
  }

  /** The stored message item (tests look at what the API does not show). */
  public Optional<Map<String, Object>> item(MessageRef ref) {
    return timeline.item(ref);
  }

  private long expiresAt(long createdMillis) {
    return Instant.ofEpochMilli(createdMillis).plus(retention).getEpochSecond();
  }

  private static Optional<MessageRef> live(Lookup lookup, Instant now) {
    return Optional.ofNullable(lookup)
        .filter(found -> found.expiresAt() > now.getEpochSecond())
        .map(Lookup::target);
  }

  private static void putIfPresent(Map<String, Object> item, String name, String value) {
    if (value != null && !value.isEmpty()) {
      item.put(name, value);
    }
  }

  private record Lookup(MessageRef target, long expiresAt) {}
}
