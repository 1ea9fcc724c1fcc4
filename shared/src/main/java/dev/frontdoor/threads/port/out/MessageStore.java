package dev.frontdoor.threads.port.out;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.outbound.send.SendRequest;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.MessageRef;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Message items of both directions and their {@code WAMID#} / {@code MSG#} lookups
 * (docs/data-model.md, 5.5, 5.6, 6 and 9). Every write is idempotent: a retry after a crash repairs
 * what the first attempt left undone. Failures are {@link
 * dev.frontdoor.common.StoreUnavailableException}.
 */
public interface MessageStore {

  /**
   * Insert-once of the message item in the thread {@code message.customer()} names, with the
   * customer's profile name, BSUID and username: where it is, and whether this call stored it. The
   * customer's service window is derived from these items.
   */
  Put putInboundMessage(InboundMessage message, Instant now);

  /**
   * Records the message as {@code queued} (insert-once) with its {@code MSG#} lookup, and who acted
   * ({@code agent}: the request's, else {@code apiClient}).
   */
  void putQueuedMessage(
      String messageId,
      SendRequest request,
      String apiClient,
      Optional<String> idempotencyKey,
      Instant createdAt);

  /** The {@code WAMID#<wamid>} lookup pointing at a stored message. */
  void putWamidLookup(String wamid, MessageRef target, Instant now);

  /** A message by {@code wamid}, strongly consistent; empty when unknown or expired. */
  Optional<MessageRef> findByWamid(String wamid, Instant now);

  /** An outbound message by Frontdoor's message id, strongly consistent. */
  Optional<MessageRef> findByMessageId(String messageId, Instant now);

  /**
   * Where the send API put the outbound message {@code messageId} for {@code customer}, computed
   * without a read (its sort key's time is the id's ULID time, docs/data-model.md 2). Whether it is
   * there is for a conditional write on it to find out.
   */
  MessageRef outboundRef(CustomerNumber customer, String messageId);

  /**
   * The messages of many statuses at once, strongly consistent, as {@link #findByMessageId} and
   * {@link #findByWamid} would find them one by one; unknown or expired ones are absent. A batch of
   * statuses resolves in one call per hundred instead of one per status.
   */
  Lookups findAll(Collection<String> messageIds, Collection<String> wamids, Instant now);

  /** A message's public view by Frontdoor id: status, first-seen times, error, wamid. */
  Optional<Map<String, Object>> messageView(String messageId, Instant now);

  /**
   * Where an insert-once put the item (its thread and sort key), and whether it was new. The thread
   * is a number's unless the message came from a customer known only by a BSUID.
   */
  record Put(CustomerKey thread, String sortKey, boolean isNew) {

    /** The stored message as a reference; only for a message in a number's thread. */
    public MessageRef ref() {
      return new MessageRef(
          thread
              .number()
              .orElseThrow(() -> new IllegalStateException("a thread keyed by a user id")),
          sortKey);
    }
  }

  /** Messages found by {@link #findAll}, by message id and by wamid. */
  record Lookups(Map<String, MessageRef> byMessageId, Map<String, MessageRef> byWamid) {
    public static final Lookups NONE = new Lookups(Map.of(), Map.of());
  }
}
