package dev.frontdoor.lifecycle;

import java.util.Optional;

/** The answer to an erasure request: a reason, a sentence, and the receipt when there is one. */
public record ErasureOutcome(Reason reason, String message, Optional<ErasureReceipt> receipt) {

  public enum Reason {
    /** Items were deleted; the receipt counts them. */
    ERASED,
    /** Nothing (left) to erase: a repeated request, or a customer never seen. A zero receipt. */
    NOTHING_TO_ERASE,
    /** The path names no number and no business-scoped user id. */
    INVALID,
    /**
     * Items kept arriving through every pass (or the table left deletes unprocessed): some were
     * deleted, the tombstone stays {@code in_progress}; the request is safe to repeat.
     */
    INCOMPLETE
  }

  static ErasureOutcome erased(ErasureReceipt receipt) {
    return new ErasureOutcome(
        receipt.total() == 0 ? Reason.NOTHING_TO_ERASE : Reason.ERASED,
        receipt.total() == 0 ? "nothing to erase" : "erased",
        Optional.of(receipt));
  }

  static ErasureOutcome invalid(String why) {
    return new ErasureOutcome(Reason.INVALID, why, Optional.empty());
  }

  static ErasureOutcome incomplete(ErasureReceipt receipt) {
    return new ErasureOutcome(
        Reason.INCOMPLETE,
        "items kept arriving while erasing: repeat the request",
        Optional.of(receipt));
  }
}
