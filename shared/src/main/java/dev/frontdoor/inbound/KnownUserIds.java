package dev.frontdoor.inbound;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The BSUID lookups this execution environment wrote lately, so that a customer's stream of
 * messages (each carrying the same pair) costs one lookup write, not one per message. Bounded, and
 * only ever a shortcut: what it does not hold is written (insert-once) or read from the table.
 */
final class KnownUserIds {
  static final int MAX_ENTRIES = 10_000;

  /** How long a written pair is trusted without writing again (the lookup lives far longer). */
  static final Duration FRESH = Duration.ofHours(12);

  private record Known(CustomerNumber number, Instant writtenAt) {}

  private final Map<UserId, Known> entries =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UserId, Known> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  synchronized boolean isFresh(UserId userId, CustomerNumber number, Instant now) {
    Known known = entries.get(userId);
    return known != null
        && known.number().equals(number)
        && known.writtenAt().plus(FRESH).isAfter(now);
  }

  synchronized void put(UserId userId, CustomerNumber number, Instant now) {
    entries.put(userId, new Known(number, now));
  }

  /** The number a fresh pair names. */
  synchronized Optional<CustomerNumber> get(UserId userId) {
    return Optional.ofNullable(entries.get(userId)).map(Known::number);
  }
}
