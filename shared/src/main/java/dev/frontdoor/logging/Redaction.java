package dev.frontdoor.logging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking rule of every log line: a phone number shows at most its last four digits, and no
 * registered secret appears at all. Applied to every string a log line carries, whatever its field,
 * so that a number that slips into an error message is still masked.
 */
public final class Redaction {
  /**
   * Runs of 7 or more digits, optionally with a leading + and single spaces, dots or dashes: a
   * phone number in any spelling, and any longer run (which may hide one).
   */
  private static final Pattern PHONE_LIKE =
      Pattern.compile("(?<![\\w+])\\+?\\d(?:[ .\\-]?\\d){6,}");

  private static final int MIN_SECRET_LENGTH = 6;
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private Redaction() {}

  /** Secrets shorter than six characters are too short to hunt for without masking noise. */
  public static void registerSecret(String secret) {
    if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
      SECRETS.add(secret);
    }
  }

  /** A phone number reduced to its last four digits: {@code +27821234567 -> ***4567}. */
  public static String phone(String number) {
    if (number == null) {
      return null;
    }
    String digits = number.replaceAll("\\D", "");
    if (digits.length() <= 4) {
      return "***";
    }
    return "***" + digits.substring(digits.length() - 4);
  }

  /**
   * A business-scoped user id (BSUID) reduced to its country and last four characters: {@code
   * ZA.1502576394655843 -> ZA.***5843}. It identifies a person as a phone number does.
   */
  public static String userId(String userId) {
    if (userId == null) {
      return null;
    }
    int dot = userId.indexOf('.');
    String country = dot == 2 ? userId.substring(0, 2) + "." : "";
    String rest = userId.substring(dot + 1);
    return country + "***" + (rest.length() <= 8 ? "" : rest.substring(rest.length() - 4));
  }

  /** Masks every phone-like run and every registered secret in free text. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : SECRETS) {
      if (result.contains(secret)) {
        result = result.replace(secret, "[secret]");
      }
    }
    Matcher matcher = PHONE_LIKE.matcher(result);
    if (!matcher.find()) {
      return result;
    }
    StringBuilder masked = new StringBuilder();
    do {
      matcher.appendReplacement(masked, Matcher.quoteReplacement(phone(matcher.group())));
    } while (matcher.find());
    matcher.appendTail(masked);
    return masked.toString();
  }
}
