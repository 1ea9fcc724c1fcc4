package dev.frontdoor.threads;

import dev.frontdoor.threads.port.out.MessageStore;
import dev.frontdoor.threads.port.out.StatusStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies delivery statuses to a known message, and runs the sender's half of the pending-status
 * protocol (docs/data-model.md, 6.1): after a wamid is recorded, the statuses that arrived first
 * are applied and removed. Shared by ingest and the sender.
 */
public final class StatusApplier {
  private final MessageStore messages;
  private final StatusStore statuses;

  public StatusApplier(MessageStore messages, StatusStore statuses) {
    this.messages = messages;
    this.statuses = statuses;
  }

  /**
   * Converges the message on the status, one conditional write (docs/data-model.md, 9.3); {@code
   * true} when the message had not seen this status before.
   */
  public boolean apply(MessageRef target, StatusUpdate status, Instant now) {
    return applyIfThere(target, status, now).orElse(false);
  }

  /**
   * {@link #apply} to a message that may not be there (its place computed, not read): empty when it
   * is not, and nothing was written.
   */
  public Optional<Boolean> applyIfThere(MessageRef target, StatusUpdate status, Instant now) {
    StatusStore.StatusApplied applied = statuses.applyStatus(target, status);
    if (!applied.found()) {
      return Optional.empty();
    }
    if (applied.wamidWasMissing()) {
      messages.putWamidLookup(status.wamid(), target, now);
    }
    return Optional.of(applied.firstSeen());
  }

  /** The wamid lookup of an accepted send, then every status that was waiting for it. */
  public int recordWamid(String wamid, MessageRef target, Instant now) {
    messages.putWamidLookup(wamid, target, now);
    return applyPending(wamid, target, now);
  }

  public int applyPending(String wamid, MessageRef target, Instant now) {
    int applied = 0;
    for (StatusUpdate pending : statuses.pendingStatuses(wamid)) {
      apply(
          target,
          new StatusUpdate(
              pending.wamid(),
              pending.status(),
              target.customer(),
              pending.business(),
              pending.atMillis(),
              pending.callbackData(),
              pending.pricing(),
              pending.conversation(),
              pending.errors(),
              pending.source()),
          now);
      statuses.deletePendingStatus(pending);
      applied++;
    }
    return applied;
  }
}
