package dev.frontdoor.outbound.delivery;

/**
 * How the sender paces, retries and gives up.
 *
 * @param leaseMillis how long a claim keeps other attempts off a message; longer than any one
 *     attempt can take, so an expired lease means its attempt died
 * @param graphTimeoutMillis how long one Graph API call may take
 * @param unknownGraceMillis how long an unanswered send waits for Meta's status webhooks
 * @param maxAttempts send attempts (claims that went on to the Graph API) before the message is
 *     dead-lettered with its reason
 * @param maxReceives the queue's {@code maxReceiveCount}: the last receive dead-letters with its
 *     reason instead of leaving it to the redrive policy, which would move it without one (waiting
 *     for pacing or behind the customer's earlier message uses receives, not attempts)
 * @param retryCapSeconds the longest backoff between attempts
 * @param pairIntervalMillis the time one message to a customer "earns" (Meta: about 6 s)
 * @param pairBurst messages to one customer that may go back to back
 */
public record SenderSettings(
    long leaseMillis,
    long graphTimeoutMillis,
    long unknownGraceMillis,
    int maxAttempts,
    int maxReceives,
    int retryCapSeconds,
    long pairIntervalMillis,
    int pairBurst) {

  public SenderSettings {
    if (leaseMillis < graphTimeoutMillis + 5_000) {
      throw new IllegalArgumentException(
          "the send lease must outlast a Graph API call by at least 5 s");
    }
    if (maxAttempts < 1
        || maxReceives < 1
        || retryCapSeconds < 1
        || pairIntervalMillis < 0
        || pairBurst < 1) {
      throw new IllegalArgumentException("attempts, backoff and burst must be at least 1");
    }
  }

  public static SenderSettings defaults() {
    return new SenderSettings(60_000, 10_000, 60_000, 8, 30, 300, 6_000, 5);
  }

  public SenderSettings withLease(long millis, long graphTimeout) {
    return new SenderSettings(
        millis,
        graphTimeout,
        unknownGraceMillis,
        maxAttempts,
        maxReceives,
        retryCapSeconds,
        pairIntervalMillis,
        pairBurst);
  }

  public SenderSettings withUnknownGrace(long millis) {
    return new SenderSettings(
        leaseMillis,
        graphTimeoutMillis,
        millis,
        maxAttempts,
        maxReceives,
        retryCapSeconds,
        pairIntervalMillis,
        pairBurst);
  }

  public SenderSettings withRetries(int attempts, int receives, int capSeconds) {
    return new SenderSettings(
        leaseMillis,
        graphTimeoutMillis,
        unknownGraceMillis,
        attempts,
        receives,
        capSeconds,
        pairIntervalMillis,
        pairBurst);
  }

  public SenderSettings withPairRate(long intervalMillis, int burst) {
    return new SenderSettings(
        leaseMillis,
        graphTimeoutMillis,
        unknownGraceMillis,
        maxAttempts,
        maxReceives,
        retryCapSeconds,
        intervalMillis,
        burst);
  }

  /**
   * The longest a retried message waits between two attempts: whoever waits for retries to settle
   * (an operator, a fault suite) must allow at least this without progress.
   */
  public int longestBackoffSeconds() {
    return backoff(maxAttempts);
  }

  /** Exponential backoff by send attempt: 2, 4, 8, ... seconds, at most the cap. */
  int backoff(int attempt) {
    return (int) Math.min(retryCapSeconds, 1L << Math.min(8, Math.max(1, attempt)));
  }
}
