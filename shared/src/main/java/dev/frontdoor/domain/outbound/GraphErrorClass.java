package dev.frontdoor.domain.outbound;

import java.util.Set;

/**
 * How a Graph API error is handled: throttling and server trouble are retried with backoff;
 * everything else is recorded {@code failed} and never retried; spam/quality and auth errors also
 * raise an alarm, since every later send would fail the same way.
 */
public enum GraphErrorClass {
  RETRY,
  NEVER_RETRY,
  ALARM;

  /** 130429 throughput, 131056 pair rate, 80007 WABA rate limit, 4 and 2 transient API errors. */
  /** Meta's throughput limit: too many messages from the business number this second. */
  public static final int THROUGHPUT_LIMIT = 130429;

  /** Meta's pair rate limit: too many messages to one customer. */
  public static final int PAIR_RATE_LIMIT = 131056;

  private static final Set<Integer> RETRY_CODES = Set.of(130429, 131056, 80007, 4, 2, 1, 131000);

  /** 131048 spam rate limit, 131049 marketing per-user limit, 190 and 0 auth, 10 permission. */
  private static final Set<Integer> ALARM_CODES = Set.of(131048, 131049, 190, 0, 10, 368);

  public static GraphErrorClass of(int httpStatus, int code) {
    if (ALARM_CODES.contains(code) || httpStatus == 401 || httpStatus == 403) {
      return ALARM;
    }
    if (RETRY_CODES.contains(code) || httpStatus == 429 || httpStatus >= 500) {
      return RETRY;
    }
    return NEVER_RETRY;
  }
}
