package dev.frontdoor.threads.port.out;

import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.StatusUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Status items, the message's converged status, and pending statuses of messages not yet known
 * (docs/data-model.md, 5.7, 6.1 and 9.3). Idempotent like every store.
 */
public interface StatusStore {

  /**
   * Insert-once of a status that is not applied to a message (a payment, a status Frontdoor does
   * not rank) as its own item in the thread; {@code false} when already stored.
   */
  boolean putStatus(StatusUpdate status, Optional<MessageRef> target, Instant now);

  /**
   * Converges the message's status: moves it forward only, fills first-seen times, pricing, error
   * and the recipient's BSUID without overwriting them. The message is the status's only record:
   * its {@code status_at_<status>} says when each status was first seen.
   */
  StatusApplied applyStatus(MessageRef target, StatusUpdate status);

  /** Keeps a status whose message is not (yet) known, under its wamid; false if already kept. */
  boolean putPendingStatus(StatusUpdate status, Instant now);

  /** The pending statuses of a wamid, oldest first. */
  List<StatusUpdate> pendingStatuses(String wamid);

  void deletePendingStatus(StatusUpdate status);

  /** What {@link #applyStatus} did. */
  /**
   * What {@link #applyStatus} did: {@code firstSeen} when the message had no time for this status
   * yet (a new delivery, not a repeat); {@code wamidWasMissing} when it lacked its wamid.
   */
  record StatusApplied(
      boolean found, boolean advanced, boolean wamidWasMissing, boolean firstSeen) {}
}
