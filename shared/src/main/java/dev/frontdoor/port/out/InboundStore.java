package dev.frontdoor.port.out;

import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.thread.MessageRef;
import dev.frontdoor.domain.whatsapp.BusinessNumber;
import dev.frontdoor.domain.whatsapp.InboundMessage;
import dev.frontdoor.domain.whatsapp.RawEvent;
import dev.frontdoor.domain.whatsapp.StatusUpdate;
import dev.frontdoor.domain.whatsapp.WhatsAppCallEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes and lookups of inbound ingest (docs/data-model.md, section 9). Every method is
 * idempotent: a retry after a crash at any point repairs what the first attempt left undone. Each
 * throws {@link dev.frontdoor.domain.thread.StoreUnavailableException} when the store fails.
 */
public interface InboundStore {

  /**
   * Insert-once of the message item, with the customer's profile name: where it is, and whether
   * this call stored it. The customer's service window is derived from these items.
   */
  Put putInboundMessage(InboundMessage message, Instant now);

  /** The {@code WAMID#<wamid>} lookup pointing at a stored message. */
  void putWamidLookup(String wamid, MessageRef target, Instant now);

  /** Records activity on the thread (created, last activity, business numbers, profile name). */
  void touchThread(
      CustomerNumber customer,
      BusinessNumber business,
      long atMillis,
      String profileName,
      Instant now);

  /**
   * Records an opt-out or opt-in at {@code atMillis}; an older change never overrides a newer one
   * (out-of-order webhooks converge on the latest).
   */
  void recordOptOut(
      CustomerNumber customer, boolean optedOut, long atMillis, String source, Instant now);

  /** A message by {@code wamid}, strongly consistent; empty when unknown or expired. */
  Optional<MessageRef> findByWamid(String wamid, Instant now);

  /** An outbound message by Frontdoor's message id, strongly consistent. */
  Optional<MessageRef> findByMessageId(String messageId, Instant now);

  /**
   * The messages of many statuses at once, strongly consistent, as {@link #findByMessageId} and
   * {@link #findByWamid} would find them one by one; unknown or expired ones are absent. A batch of
   * statuses resolves in one call per hundred instead of one per status.
   */
  Lookups findAll(Collection<String> messageIds, Collection<String> wamids, Instant now);

  /** Insert-once of one status delivery in the thread; {@code false} when already stored. */
  boolean putStatus(StatusUpdate status, Optional<MessageRef> target, Instant now);

  /**
   * Converges the message's status: moves it forward only, fills first-seen times, pricing and
   * error without overwriting them. Returns whether the message lacked its {@code wamid}.
   */
  StatusApplied applyStatus(MessageRef target, StatusUpdate status);

  /** Keeps a status whose message is not (yet) known, under its wamid; false if already kept. */
  boolean putPendingStatus(StatusUpdate status, Instant now);

  /** The pending statuses of a wamid, oldest first. */
  List<StatusUpdate> pendingStatuses(String wamid);

  void deletePendingStatus(StatusUpdate status);

  /** A WhatsApp call event: the call (claimed once per call id), the event, the milestones. */
  boolean putCallEvent(WhatsAppCallEvent event, Instant now);

  /** Insert-once of something that has no thread (unhandled field, unroutable entry). */
  boolean putRawEvent(RawEvent event, Instant now);

  /** Where an insert-once put the item, and whether it was new. */
  record Put(MessageRef ref, boolean isNew) {}

  /** Messages found by {@link #findAll}, by message id and by wamid. */
  record Lookups(Map<String, MessageRef> byMessageId, Map<String, MessageRef> byWamid) {
    public static final Lookups NONE = new Lookups(Map.of(), Map.of());
  }

  /** What {@link #applyStatus} did. */
  record StatusApplied(boolean found, boolean advanced, boolean wamidWasMissing) {}
}
