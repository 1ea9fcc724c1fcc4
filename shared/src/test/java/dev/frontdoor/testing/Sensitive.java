package dev.frontdoor.testing;

import java.util.List;

/**
 * Every phone number, message body and secret the test suites give the gateway. Tests take such
 * values from here, so that the log audit (tests module, {@code LogAuditCheck}) knows what must
 * never appear unmasked in any test's output.
 */
public final class Sensitive {
  private Sensitive() {}

  public static final String CUSTOMER_E164 = "+27821234567";
  public static final String CUSTOMER_SPACED = "+27 82 123 4567";
  public static final String SECOND_CUSTOMER_E164 = "+27731234568";

  /** Business-scoped user ids (BSUIDs): they identify a person as a number does. */
  public static final String CUSTOMER_USER_ID = "ZA.1502576394655843";

  public static final String SECOND_CUSTOMER_USER_ID = "ZA.ENT.99887766554433221100";

  public static final String BODY = "Hello, my ID number is 8001015009087";

  /** What an agent writes to a customer through the send API. */
  public static final String OUTBOUND_BODY =
      "Your new card ending 4417 ships today, PIN letter apart";

  /** A wrap-up's note for the customer (it goes into their WhatsApp summary, never into logs). */
  public static final String WRAP_UP_NOTE = "Refund of R1,240.50 approved for invoice 88812";

  /** A wrap-up's internal note: never sent, never logged. */
  public static final String INTERNAL_NOTE = "Caller sounded distressed, flag account 5523";

  public static final String APP_SECRET = "test-app-secret-4d1e9b";
  public static final String OLD_APP_SECRET = "test-old-app-secret-77c0";
  public static final String VERIFY_TOKEN = "test-verify-token-5c2e";
  public static final String API_TOKEN = "test-api-token-0123456789abcdef";
  public static final String META_ACCESS_TOKEN = "test-meta-access-token-9d1f";
  public static final String TWILIO_AUTH_TOKEN = "test-twilio-auth-token-7f2a";
  public static final String OLD_TWILIO_AUTH_TOKEN = "test-old-twilio-token-1b9c";
  public static final String VONAGE_SIGNATURE_SECRET = "test-vonage-signature-secret-3e8d";
  public static final String VOICE_WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  public static List<String> phones() {
    return List.of(CUSTOMER_E164, SECOND_CUSTOMER_E164);
  }

  public static List<String> userIds() {
    return List.of(CUSTOMER_USER_ID, SECOND_CUSTOMER_USER_ID);
  }

  public static List<String> bodies() {
    return List.of(BODY, OUTBOUND_BODY, WRAP_UP_NOTE, INTERNAL_NOTE);
  }

  public static List<String> secrets() {
    return List.of(
        APP_SECRET,
        OLD_APP_SECRET,
        VERIFY_TOKEN,
        API_TOKEN,
        META_ACCESS_TOKEN,
        TWILIO_AUTH_TOKEN,
        OLD_TWILIO_AUTH_TOKEN,
        VONAGE_SIGNATURE_SECRET,
        VOICE_WHSEC);
  }
}
