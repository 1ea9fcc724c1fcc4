package dev.frontdoor.infra.local;

import java.time.Duration;
import java.util.Optional;

/**
 * When the local event webhook tries a delivery again: after a 5xx, 408, 429, a timeout or a
 * connection failure, with exponential backoff (base, 2 × base, 4 × base, ... up to the cap), at
 * most {@code maxAttempts} attempts in all; any other answer is final (2xx delivered, other 4xx
 * refused: retrying cannot change it).
 */
record EventWebhookRetry(int maxAttempts, Duration base, Duration cap) {
  static final EventWebhookRetry DEFAULT =
      new EventWebhookRetry(6, Duration.ofMillis(500), Duration.ofSeconds(30));

  EventWebhookRetry {
    if (maxAttempts < 1 || base.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("attempts >= 1 and 0 <= base <= cap");
    }
  }

  /** A status that a later attempt may turn into a delivery. */
  static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  static boolean delivered(int status) {
    return status >= 200 && status < 300;
  }

  /** The wait before the attempt after {@code attempt} (1-based), or empty when none is left. */
  Optional<Duration> delayAfter(int attempt) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    long factor = 1L << Math.min(attempt - 1, 30);
    long millis = base.toMillis() * factor;
    return Optional.of(
        millis / factor != base.toMillis() || millis > cap.toMillis()
            ? cap
            : Duration.ofMillis(millis));
  }
}
