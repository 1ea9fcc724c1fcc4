package dev.frontdoor.outbound.delivery;

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

  /** Meta's throughput limit: too many messages from the business number this second. */
  public static final int THROUGHPUT_LIMIT = 130429;

  /** Meta's pair rate limit: too many messages to one customer. */
  public static final int PAIR_RATE_LIMIT = 131056;

  /** 130429 throughput, 131056 pair rate, 80007 WABA rate limit, 4 and 2 transient API errors. */
  private static final Set<Integer> RETRY_CODES = Set.of(130429, 131056, 80007, 4, 2, 1, 131000);

  /** 131048 spam rate limit, 131049 marketing per-user limit, 190 and 0 auth, 10 permission. */
  private static final Set<Integer> ALARM_CODES = Set.of(131048, 131049, 190, 0, 10, 368);

  /**
   * How long every sender of the number holds back after this refusal: a second after 130429 (Meta
   * counts throughput per second); a quarter second after an API rate limit (429, codes 4 and
   * 80007) or a server error, as Meta asks callers to slow down then; none otherwise (131056
   * concerns one customer, whose pair pacing keeps its slot spent instead).
   */
  public static long limiterPauseMillis(int httpStatus, int code) {
    if (code == THROUGHPUT_LIMIT) {
      return 1_000;
    }
    if (httpStatus == 429 || code == 4 || code == 80007 || httpStatus >= 500) {
      return 250;
    }
    return 0;
  }

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
