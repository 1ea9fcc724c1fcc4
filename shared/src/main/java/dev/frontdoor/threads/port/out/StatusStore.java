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

  /** What {@link #applyStatus} did. */
  record StatusApplied(boolean found, boolean advanced, boolean wamidWasMissing) {}
}
