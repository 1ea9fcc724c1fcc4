package dev.frontdoor.lifecycle;

import java.util.Optional;

/**
 * What archiving one media message did. {@code RETRY} asks the queue to deliver the job again;
 * every other result is final for the job.
 */
public record MediaArchiveOutcome(Result result, String reason, Optional<String> key) {

  public enum Result {
    /** Stored in the archive with its sha256 checked, and recorded on the message. */
    ARCHIVED,
    /** Not stored, for good; recorded on the message as {@code failed} with the reason. */
    FAILED,
    /** Nothing to do: archived already, or the message is gone (erased or expired). */
    SKIPPED,
    /** A transient failure with attempts left: the job comes back later. */
    RETRY
  }

  static MediaArchiveOutcome archived(String key) {
    return new MediaArchiveOutcome(Result.ARCHIVED, "archived", Optional.of(key));
  }

  static MediaArchiveOutcome failed(String reason) {
    return new MediaArchiveOutcome(Result.FAILED, reason, Optional.empty());
  }

  static MediaArchiveOutcome skipped(String reason) {
    return new MediaArchiveOutcome(Result.SKIPPED, reason, Optional.empty());
  }

  static MediaArchiveOutcome retry(String reason) {
    return new MediaArchiveOutcome(Result.RETRY, reason, Optional.empty());
  }

  public boolean retry() {
    return result == Result.RETRY;
  }
}
