package dev.frontdoor.outbound.delivery;

import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.threads.MessageRef;
import java.util.OptionalLong;

/**
 * Meta's pair rate (one business number to one customer, docs/data-model.md 8.2) as a generic
 * cell-rate algorithm on the customer's pacing item: a send may go once the theoretical arrival
 * time minus the burst tolerance has passed; one conditional write both checks and records it.
 * Sends to one customer are serialised by the queue's message group, so the item sees no
 * contention; a lost race only makes a caller look again.
 */
public final class PairPacer {
  /** The outcome of {@link #reserve}: a slot {@code waitMillis} from now, or none yet. */
  public record Slot(boolean reserved, long waitMillis, long tat) {
    static Slot free() {
      return new Slot(true, 0, 0);
    }
  }

  private final SenderStore store;
  private final long interval;
  private final long tolerance;

  public PairPacer(SenderStore store, long intervalMillis, int burst) {
    this.store = store;
    this.interval = intervalMillis;
    this.tolerance = (burst - 1L) * intervalMillis;
  }

  /**
   * Reserves the customer's next slot if it comes within {@code maxWaitMillis}; otherwise reserves
   * nothing and says how long until a slot is free.
   */
  public Slot reserve(MessageRef ref, String businessNumberId, long nowMillis, long maxWaitMillis) {
    if (interval == 0) {
      return Slot.free();
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      OptionalLong busy = store.startPace(ref, businessNumberId, nowMillis, nowMillis + interval);
      if (busy.isEmpty()) {
        return new Slot(true, 0, nowMillis + interval);
      }
      long tat = busy.getAsLong();
      long wait = Math.max(0, tat - tolerance - nowMillis);
      if (wait > maxWaitMillis) {
        return new Slot(false, wait, tat);
      }
      if (store.advancePace(ref, businessNumberId, tat, tat + interval)) {
        return new Slot(true, wait, tat + interval);
      }
    }
    // Kept losing races: someone else is sending to this customer right now.
    return new Slot(false, interval, 0);
  }

  /**
   * The send started {@code lateMillis} after its slot: the customer's pace moves as much, so the
   * next send keeps its distance from this one's real start. A lost race keeps the old slot.
   */
  public Slot moveLater(MessageRef ref, String businessNumberId, Slot slot, long lateMillis) {
    if (!slot.reserved()
        || slot.tat() <= 0
        || !store.advancePace(ref, businessNumberId, slot.tat(), slot.tat() + lateMillis)) {
      return slot;
    }
    return new Slot(true, slot.waitMillis(), slot.tat() + lateMillis);
  }

  /** Hands a reserved slot back after a send that certainly did not reach the customer. */
  public void giveBack(MessageRef ref, String businessNumberId, Slot slot) {
    if (slot.reserved() && slot.tat() > 0) {
      store.advancePace(ref, businessNumberId, slot.tat(), slot.tat() - interval);
    }
  }
}
