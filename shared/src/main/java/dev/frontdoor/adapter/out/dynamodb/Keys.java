package dev.frontdoor.adapter.out.dynamodb;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;

/** Key formats of the one table (docs/data-model.md, section 3). */
final class Keys {
  static final String PK = "pk";
  static final String SK = "sk";
  static final String EXPIRES_AT = "expires_at";
  static final String THREAD = "THREAD";
  static final String OPTOUT = "OPTOUT";
  static final String TIMELINE_PREFIX = "EV#";
  static final String USER_ID = "BSUID";

  /** Sorts after {@code EV#}, so the customer state query (5.3) reads it with the windows. */
  static final String CALL_PERMISSION_PREFIX = "PERM#CALL#";

  private Keys() {}

  static String customer(CustomerNumber customer) {
    return "CUST#" + customer.e164();
  }

  /** {@code CUST#<E.164>}, or {@code CUST#~<bsuid>} for a customer known only by a BSUID. */
  static String customer(CustomerKey customer) {
    return "CUST#" + customer.value();
  }

  /** The lookup from a business-scoped user id to the customer's number (section 6). */
  static String userId(UserId userId) {
    return "BSUID#" + userId.value();
  }

  /** {@code EV#<13-digit ms>#<KIND>#<id>}: byte order is time order. */
  static String timeline(long atMillis, String kind, String id) {
    return timelineFrom(atMillis) + "#" + kind + "#" + id;
  }

  /** The lowest timeline key at or after a time, for a range that starts there. */
  static String timelineFrom(long atMillis) {
    return TIMELINE_PREFIX + thirteenDigits(atMillis);
  }

  /**
   * A time in milliseconds as at least 13 digits, zero-padded ({@code %013d}, negatives as 0):
   * built by hand, as it is part of every timeline write and {@code String.format} costs a
   * formatter and a parse of its pattern each time.
   */
  static String thirteenDigits(long atMillis) {
    String digits = Long.toString(Math.max(0, atMillis));
    return digits.length() >= 13 ? digits : "0000000000000".substring(digits.length()) + digits;
  }

  /** Pair pacing with one business number (data-model section 8.2). */
  static String pace(String phoneNumberId) {
    return "PACE#" + phoneNumberId;
  }

  /** The customer's permission to be called from one business number (data-model 5.2a). */
  static String callPermission(String phoneNumberId) {
    return CALL_PERMISSION_PREFIX + phoneNumberId;
  }

  static String wamid(String wamid) {
    return "WAMID#" + wamid;
  }

  static String messageId(String messageId) {
    return "MSG#" + messageId;
  }

  static String call(String provider, String providerCallId) {
    return "CALL#" + provider + "#" + providerCallId;
  }

  static String idempotency(String apiClient, String key) {
    return "IDEMP#" + apiClient + "#" + key;
  }

  /** The time in a timeline sort key ({@code EV#<13 digits>#...}). */
  static long timeOf(String sk) {
    return Long.parseLong(sk.substring(3, 16));
  }

  /** Erasure's tombstone of a customer, by pseudonym only (data-model 12). */
  static String tombstone(String customerRef) {
    return "ERASED#" + customerRef;
  }

  static final String TOMBSTONE = "TOMBSTONE";

  /**
   * The raw events that mention a customer, by pseudonym (data-model 9.3a, 12): one item per raw
   * event, {@code sk} = the raw event's own key.
   */
  static String rawEventsOf(String customerRef) {
    return "RAWREF#" + customerRef;
  }

  static String pending(String status, long atMillis) {
    return "PENDING#" + status + "#" + thirteenDigits(atMillis);
  }
}
