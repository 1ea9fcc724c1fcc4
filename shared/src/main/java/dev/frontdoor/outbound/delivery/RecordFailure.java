package dev.frontdoor.outbound.delivery;

/** A record of the batch that is not done: the queue hands it out again after the retry delay. */
public record RecordFailure(String recordId, Reason reason, int retryAfterSeconds) {

  /** Why a record is not done. */
  public enum Reason {
    /** Its message was attempted and is due again later (throttled, unanswered, paced...). */
    NOT_DONE,
    /** An earlier record of its group is not done: the customer's order is kept. */
    BEHIND_GROUP_FAILURE,
    /** Not started in time: one started later could outlive the function. */
    OUT_OF_TIME,
    /** Its body is not one of ours: left to fail until the redrive policy dead-letters it. */
    UNREADABLE,
    /** The table or a queue did not answer. */
    STORE_UNAVAILABLE,
    /** Anything else went wrong with it; contained to its group. */
    UNEXPECTED_ERROR
  }
}
