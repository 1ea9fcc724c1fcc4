package dev.frontdoor.common;

import dev.frontdoor.logging.Redaction;
import java.util.regex.Pattern;

/**
 * A WhatsApp business-scoped user id (BSUID): a two-letter country code, a dot, and up to 128
 * letters and digits ({@code ZA.1502576394655843}); a parent BSUID, shared by the portfolios of one
 * enterprise, has {@code ENT.} after the country ({@code US.ENT.11815799212886844830}). Meta sends
 * it beside the customer's number, or, for a customer who adopted a username, instead of it. It is
 * stable for a phone number: a new number gets a new id. Personal data, like the number.
 */
public record UserId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}");

  public UserId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidUserIdException(
          "not a business-scoped user id (country code, dot, up to 128 letters and digits)");
    }
  }

  /** Whether {@code raw} has the shape of a BSUID (so it is not read as a phone number). */
  public static boolean looksLike(String raw) {
    // A number never starts with two letters and a dot, whatever its spelling.
    return raw != null
        && raw.length() >= 3
        && raw.length() <= 140
        && Character.isLetter(raw.charAt(0))
        && Character.isLetter(raw.charAt(1))
        && raw.charAt(2) == '.';
  }

  /** A parent BSUID (shared across an enterprise's business portfolios). */
  public boolean isParent() {
    return value.startsWith("ENT.", 3);
  }

  /** Never the full id: safe for logs and error messages. */
  @Override
  public String toString() {
    return "UserId[" + Redaction.userId(value) + "]";
  }
}
