package dev.frontdoor.common;

import dev.frontdoor.logging.Redaction;
import java.util.Optional;

/**
 * What a customer's thread is keyed by ({@code CUST#<value>}): their number in E.164 ({@code
 * +27821234567}) whenever Frontdoor knows it, else {@code ~} and their business-scoped user id
 * ({@code ~ZA.1502576394655843}) for a customer who wrote with a username only and whose number
 * Frontdoor has never seen. The two forms cannot collide: E.164 starts with {@code +}.
 */
public record CustomerKey(String value) {
  static final char USER_ID_MARK = '~';

  public CustomerKey {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a customer key is required");
    }
    if (value.charAt(0) == USER_ID_MARK) {
      new UserId(value.substring(1));
    } else {
      new CustomerNumber(value);
    }
  }

  public static CustomerKey of(CustomerNumber number) {
    return new CustomerKey(number.e164());
  }

  public static CustomerKey of(UserId userId) {
    return new CustomerKey(USER_ID_MARK + userId.value());
  }

  /** The number, when the thread is keyed by one. */
  public Optional<CustomerNumber> number() {
    return value.charAt(0) == USER_ID_MARK
        ? Optional.empty()
        : Optional.of(new CustomerNumber(value));
  }

  /** The BSUID, when the thread is keyed by one (no number known when it was created). */
  public Optional<UserId> userId() {
    return value.charAt(0) == USER_ID_MARK
        ? Optional.of(new UserId(value.substring(1)))
        : Optional.empty();
  }

  /** Never the full key: safe for logs and error messages. */
  @Override
  public String toString() {
    return "CustomerKey["
        + (value.charAt(0) == USER_ID_MARK
            ? USER_ID_MARK + Redaction.userId(value.substring(1))
            : Redaction.phone(value))
        + "]";
  }
}
