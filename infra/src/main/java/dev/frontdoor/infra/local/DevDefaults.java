package dev.frontdoor.infra.local;

import dev.frontdoor.config.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Development-only secrets, so that a fresh clone starts with no configuration at all. Each is
 * marked in its value, used only when the variable is unset, and printed at start-up so that a
 * developer can sign requests. Never used by the Lambda functions.
 */
final class DevDefaults {
  static final Map<String, String> VALUES =
      Map.of(
          EnvVar.META_APP_SECRETS, "dev-only-meta-app-secret",
          EnvVar.META_VERIFY_TOKEN, "dev-only-verify-token",
          EnvVar.API_TOKENS, "dev-only-api-token-0123456789",
          EnvVar.CUSTOMER_REF_KEY, "dev-only-customer-ref-key-0123456789",
          EnvVar.META_ACCESS_TOKEN, "dev-only-meta-access-token",
          // whsec_ + base64 of "dev-only-voice-hmac-secret-0000": the Standard Webhooks format
          EnvVar.VOICE_HMAC_SECRETS, "whsec_ZGV2LW9ubHktdm9pY2UtaG1hYy1zZWNyZXQtMDAwMA==",
          EnvVar.TWILIO_AUTH_TOKENS, "dev-only-twilio-auth-token",
          EnvVar.VONAGE_SIGNATURE_SECRETS, "dev-only-vonage-signature-secret");

  /**
   * The business number a zero-configuration gateway sends from through the sandbox Graph API (not
   * a secret): with no number configured the send API would refuse every send.
   */
  static final String SANDBOX_PHONE_NUMBER_ID = "100000000000001";

  private DevDefaults() {}

  /** The settings with a development value for each unset secret, and which ones were filled. */
  static Applied apply(Map<String, String> settings) {
    Map<String, String> merged = new LinkedHashMap<>(settings);
    Map<String, String> filled = new LinkedHashMap<>();
    if (isBlank(settings, EnvVar.META_PHONE_NUMBER_ID)
        && isBlank(settings, EnvVar.META_PHONE_NUMBER_IDS)
        && isBlank(settings, EnvVar.GRAPH_API_URL)) {
      merged.put(EnvVar.META_PHONE_NUMBER_ID, SANDBOX_PHONE_NUMBER_ID);
    }
    VALUES.forEach(
        (name, value) -> {
          String current = settings.get(name);
          if (current == null || current.isBlank()) {
            merged.put(name, value);
            filled.put(name, value);
          }
        });
    return new Applied(merged, filled);
  }

  private static boolean isBlank(Map<String, String> settings, String name) {
    String value = settings.get(name);
    return value == null || value.isBlank();
  }

  record Applied(Map<String, String> settings, Map<String, String> filled) {}
}
