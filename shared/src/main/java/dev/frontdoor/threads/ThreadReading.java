package dev.frontdoor.threads;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.InvalidPhoneNumberException;
import dev.frontdoor.common.InvalidUserIdException;
import dev.frontdoor.common.UserId;
import dev.frontdoor.threads.port.in.ReadThread;
import dev.frontdoor.threads.port.out.ThreadReader;
import dev.frontdoor.threads.port.out.UserIdStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads a thread as of now (the window's openness and expiry depend on the clock). The number may
 * be written any way a person or provider writes it; numbers without a country code are read in the
 * deployment's default region. A business-scoped user id ({@code ZA.1502576394655843}) names the
 * thread of the number it was seen with, else the thread of that id alone; {@code ~} and the id
 * names the latter in any case (what the customer wrote before their number was known).
 */
public final class ThreadReading implements ReadThread {
  private static final int MAX_LIMIT_DIGITS = 4;

  private final ThreadReader reader;
  private final UserIdStore userIds;
  private final String defaultRegion;
  private final Clock clock;

  public ThreadReading(ThreadReader reader, String defaultRegion, Clock clock) {
    this(reader, UserIdStore.NONE, defaultRegion, clock);
  }

  public ThreadReading(
      ThreadReader reader, UserIdStore userIds, String defaultRegion, Clock clock) {
    this.reader = reader;
    this.userIds = userIds;
    this.defaultRegion = defaultRegion;
    this.clock = clock;
  }

  @Override
  public ThreadAnswer read(ThreadRequest request) {
    ThreadQuery query;
    try {
      query =
          new ThreadQuery(
              customer(request.phone()),
              cursor("before", request.before()),
              cursor("after", request.after()),
              limit(request.limit()));
    } catch (InvalidPhoneNumberException | InvalidUserIdException e) {
      return ThreadAnswer.refused("phone: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return ThreadAnswer.refused(e.getMessage());
    }
    return ThreadAnswer.of(page(query));
  }

  /** The thread a path names: a number, a BSUID (resolved when known), or {@code ~} a BSUID. */
  private CustomerKey customer(String raw) {
    if (raw != null && raw.startsWith("~")) {
      return CustomerKey.of(new UserId(raw.substring(1)));
    }
    if (UserId.looksLike(raw)) {
      UserId userId = new UserId(raw);
      return userIds
          .findCustomer(userId, clock.instant())
          .map(CustomerKey::of)
          .orElseGet(() -> CustomerKey.of(userId));
    }
    return CustomerKey.of(CustomerNumber.parse(raw, defaultRegion));
  }

  /** A validated page request. */
  public ThreadView page(ThreadQuery query) {
    return reader.read(query, clock.instant());
  }

  /** A cursor parameter, refused naming the parameter before anything reaches the table. */
  private static Optional<Cursor> cursor(String name, String value) {
    try {
      return Optional.ofNullable(value).map(Cursor::decode);
    } catch (InvalidCursorException e) {
      throw new InvalidCursorException(name + ": " + e.getMessage());
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return ThreadQuery.DEFAULT_LIMIT;
    }
    if (value.isEmpty()
        || value.length() > MAX_LIMIT_DIGITS
        || !value.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("limit must be a whole number");
    }
    return Integer.parseInt(value);
  }
}
