package dev.frontdoor.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.frontdoor.logging.Redaction;
import java.util.regex.Pattern;

/**
 * A customer's phone number in E.164 ({@code +27821234567}): the key of their thread. A WhatsApp
 * {@code wa_id} ({@code 27821234567}), a caller id ({@code +27 82 123 4567}) and a national number
 * ({@code 082 123 4567}, read in the default region) all become the same value.
 */
public record CustomerNumber(String e164) {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final int MAX_INPUT_LENGTH = 40;
  private static final Pattern INTERNATIONAL_DIGITS = Pattern.compile("[1-9][\\d\\s\\-().]*");

  public CustomerNumber {
    if (e164 == null
        || e164.isEmpty()
        || e164.charAt(0) != '+'
        || !Chars.digits(e164.substring(1), 7, 15, true)) {
      throw new InvalidPhoneNumberException("not an E.164 number");
    }
  }

  /**
   * Parses any common spelling. A string of digits with no leading {@code +} or {@code 0} is read
   * as international (the form of a WhatsApp {@code wa_id}); a leading {@code 0} is read as a
   * national number of {@code defaultRegion}.
   */
  public static CustomerNumber parse(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT_LENGTH) {
      throw new InvalidPhoneNumberException("a phone number is required");
    }
    String trimmed = raw.trim();
    String candidate = INTERNATIONAL_DIGITS.matcher(trimmed).matches() ? "+" + trimmed : trimmed;
    try {
      PhoneNumber parsed = PHONES.parse(candidate, defaultRegion);
      if (!PHONES.isPossibleNumber(parsed)) {
        throw new InvalidPhoneNumberException("not a possible phone number");
      }
      return new CustomerNumber(PHONES.format(parsed, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      throw new InvalidPhoneNumberException("not a phone number");
    }
  }

  /** The WhatsApp form: E.164 without the plus. */
  public String waId() {
    return e164.substring(1);
  }

  /** Never the full number: safe for logs and error messages. */
  @Override
  public String toString() {
    return "CustomerNumber[" + Redaction.phone(e164) + "]";
  }
}
