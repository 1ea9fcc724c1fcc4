package dev.frontdoor.common;

import java.util.Optional;

/**
 * A business number's {@code phone_number_id} in its one canonical spelling: digits without leading
 * zeros. Every key made from a number (limiter schedule, pair pacing, service window, the stored
 * {@code business_number_id}) uses this spelling, so {@code 0123} and {@code 123} are one number
 * with one schedule, wherever the id came from (configuration, the send API, a webhook, a message
 * queued before this rule).
 */
public final class PhoneNumberId {
  /** The longest id read; Meta's are 15 to 17 digits. */
  public static final int MAX_DIGITS = 32;

  private PhoneNumberId() {}

  /** The canonical spelling, or empty when {@code text} is not 1 to 32 digits. */
  public static Optional<String> canonical(String text) {
    if (text == null || !Chars.digits(text, 1, MAX_DIGITS, false)) {
      return Optional.empty();
    }
    int start = 0;
    while (start < text.length() - 1 && text.charAt(start) == '0') {
      start++;
    }
    return Optional.of(text.substring(start));
  }

  /** The canonical spelling of an id already known to be digits (stored, or parsed before). */
  public static String canonicalOf(String digits) {
    return canonical(digits)
        .orElseThrow(() -> new IllegalArgumentException("a phone_number_id is digits"));
  }
}
