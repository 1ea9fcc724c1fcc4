package dev.frontdoor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayConfigTest {

  @Test
  void from_emptyEnvironment_usesDocumentedDefaults() {
    // GIVEN no configuration at all
    // WHEN
    GatewayConfig config = GatewayConfig.from(Environment.of(Map.of()));
    // THEN
    assertThat(config.gatewayPort()).isEqualTo(3000);
    assertThat(config.gatewayDataDir().toString()).isEqualTo(".gateway-data");
    assertThat(config.graphApiVersion()).isEqualTo("v23.0");
    assertThat(config.waThroughputMps()).isEqualTo(80);
    assertThat(config.retentionDays()).isEqualTo(365);
    assertThat(config.metaAppSecrets()).isEmpty();
    assertThat(config.graphApiUrl()).isEmpty();
    assertThat(config.connectEndpointUrl()).isEmpty();
  }

  @Test
  void from_connectEndpointUrl_isTheConnectApiOverride() {
    GatewayConfig config =
        GatewayConfig.from(Environment.of(Map.of("CONNECT_ENDPOINT_URL", "http://127.0.0.1:4599")));
    assertThat(config.connectEndpointUrl()).contains(URI.create("http://127.0.0.1:4599"));
  }

  @Test
  void from_rotatingAppSecrets_keepsOrderCurrentFirst() {
    // GIVEN two app secrets during a rotation
    Environment env = Environment.of(Map.of("META_APP_SECRETS", "new-secret-1, old-secret-2"));
    // WHEN
    GatewayConfig config = GatewayConfig.from(env);
    // THEN
    assertThat(config.metaAppSecrets())
        .extracting(Secret::reveal)
        .containsExactly("new-secret-1", "old-secret-2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GATEWAY_PORT         | 70000          | GATEWAY_PORT",
        "GATEWAY_PORT         | abc            | GATEWAY_PORT",
        "WA_THROUGHPUT_MPS    | 1001           | WA_THROUGHPUT_MPS",
        "WA_THROUGHPUT_MPS    | 0              | WA_THROUGHPUT_MPS",
        "GRAPH_API_VERSION    | 23             | GRAPH_API_VERSION",
        "GRAPH_API_URL        | ftp://x        | GRAPH_API_URL",
        "GRAPH_API_URL        | not a url      | GRAPH_API_URL",
        "CONNECT_ENDPOINT_URL | 127.0.0.1:9   | CONNECT_ENDPOINT_URL",
        "META_PHONE_NUMBER_ID | abc            | META_PHONE_NUMBER_ID",
        "META_PHONE_NUMBER_IDS | '123456,abc'  | META_PHONE_NUMBER_IDS",
        "META_PHONE_NUMBER_IDS | '123456,,7890123' | META_PHONE_NUMBER_IDS",
        "API_TOKENS           | short          | API_TOKENS",
        "META_APP_SECRETS     | 'one,,two'     | META_APP_SECRETS",
        "RETENTION_DAYS       | -1             | RETENTION_DAYS",
        "DEFAULT_REGION       | ZAF            | DEFAULT_REGION",
        "OUTBOUND_QUEUE_URL   | queue          | OUTBOUND_QUEUE_URL",
        "TWILIO_AUTH_TOKENS   | 'one,,two'     | TWILIO_AUTH_TOKENS",
        "VONAGE_SIGNATURE_SECRETS | 'one,'     | VONAGE_SIGNATURE_SECRETS",
        "VOICE_HMAC_SECRETS   | ',whsec_AAAA'  | VOICE_HMAC_SECRETS",
        "PUBLIC_BASE_URL      | http://voice.example.com      | PUBLIC_BASE_URL",
        "PUBLIC_BASE_URL      | https://voice.example.com/api | PUBLIC_BASE_URL",
        "PUBLIC_BASE_URL      | https://voice.example.com?a=1 | PUBLIC_BASE_URL",
        "PUBLIC_BASE_URL      | https://u:p@voice.example.com | PUBLIC_BASE_URL",
        "PUBLIC_BASE_URL      | voice.example.com             | PUBLIC_BASE_URL",
        "PUBLIC_BASE_URL      | not a url                     | PUBLIC_BASE_URL",
      })
  void from_badValue_failsNamingTheVariable(String name, String value, String expected) {
    // GIVEN one malformed variable
    Environment env = Environment.of(Map.of(name, value));
    // WHEN / THEN the error names it
    assertThatThrownBy(() -> GatewayConfig.from(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected + ":")
        .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(expected));
  }

  @Test
  void from_businessNumbers_areCanonicalWithTheSingleNumberAsDefault() {
    // GIVEN the default number and two more, one of them the default spelled with a leading zero
    Environment env =
        Environment.of(
            Map.of(
                "META_PHONE_NUMBER_ID", "0106540352242922",
                "META_PHONE_NUMBER_IDS", "106540352242922, 106540352242923"));
    // WHEN
    GatewayConfig config = GatewayConfig.from(env);
    // THEN one canonical id per number, the default first
    assertThat(config.metaPhoneNumberId()).contains("106540352242922");
    assertThat(config.metaPhoneNumberIds()).containsExactly("106540352242922", "106540352242923");
  }

  @Test
  void from_onlyTheListOfNumbers_makesItsFirstTheDefault() {
    Environment env = Environment.of(Map.of("META_PHONE_NUMBER_IDS", "2222222,1111111"));
    GatewayConfig config = GatewayConfig.from(env);
    assertThat(config.metaPhoneNumberId()).contains("2222222");
    assertThat(config.metaPhoneNumberIds()).containsExactly("2222222", "1111111");
    assertThat(GatewayConfig.from(Environment.of(Map.of())).metaPhoneNumberIds()).isEmpty();
  }

  @Test
  void from_voiceSecretLists_keepOrderCurrentFirst() {
    // GIVEN each voice provider's secrets mid-rotation, and a public origin with a trailing slash
    Environment env =
        Environment.of(
            Map.of(
                "TWILIO_AUTH_TOKENS", "twilio-new, twilio-old",
                "VONAGE_SIGNATURE_SECRETS", "vonage-new,vonage-old",
                "VOICE_HMAC_SECRETS", "whsec_bmV3, whsec_b2xk",
                "PUBLIC_BASE_URL", "https://voice.example.com:8443/"));
    // WHEN
    GatewayConfig config = GatewayConfig.from(env);
    // THEN
    assertThat(config.requireTwilioAuthTokens())
        .extracting(Secret::reveal)
        .containsExactly("twilio-new", "twilio-old");
    assertThat(config.requireVonageSignatureSecrets())
        .extracting(Secret::reveal)
        .containsExactly("vonage-new", "vonage-old");
    assertThat(config.requireVoiceHmacSecrets())
        .extracting(Secret::reveal)
        .containsExactly("whsec_bmV3", "whsec_b2xk");
    assertThat(config.publicBaseUrl()).contains(URI.create("https://voice.example.com:8443"));
  }

  @Test
  void from_singleVoiceSecretNames_stillReadAsOneElementLists() {
    // GIVEN the single-value names the template and local defaults set today
    Environment env =
        Environment.of(
            Map.of("TWILIO_AUTH_TOKEN", "twilio-only", "VONAGE_SIGNATURE_SECRET", "vonage-only"));
    // WHEN
    GatewayConfig config = GatewayConfig.from(env);
    // THEN
    assertThat(config.twilioAuthTokens()).extracting(Secret::reveal).containsExactly("twilio-only");
    assertThat(config.vonageSignatureSecrets())
        .extracting(Secret::reveal)
        .containsExactly("vonage-only");
  }

  @ParameterizedTest
  @CsvSource({
    "TWILIO_AUTH_TOKENS, TWILIO_AUTH_TOKEN",
    "VONAGE_SIGNATURE_SECRETS, VONAGE_SIGNATURE_SECRET"
  })
  void from_bothListAndSingleName_failsNamingTheList(String list, String single) {
    Environment env = Environment.of(Map.of(list, "a,b", single, "c"));
    assertThatThrownBy(() -> GatewayConfig.from(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(list + ":")
        .hasMessageContaining(single);
  }

  @Test
  void from_noVoiceSettings_leavesThemEmptyAndRequireNamesTheList() {
    GatewayConfig config = GatewayConfig.from(Environment.of(Map.of()));
    assertThat(config.twilioAuthTokens()).isEmpty();
    assertThat(config.vonageSignatureSecrets()).isEmpty();
    assertThat(config.voiceHmacSecrets()).isEmpty();
    assertThat(config.publicBaseUrl()).isEmpty();
    assertThatThrownBy(config::requireTwilioAuthTokens).hasMessageContaining("TWILIO_AUTH_TOKENS");
    assertThatThrownBy(config::requireVonageSignatureSecrets)
        .hasMessageContaining("VONAGE_SIGNATURE_SECRETS");
    assertThatThrownBy(config::requireVoiceHmacSecrets).hasMessageContaining("VOICE_HMAC_SECRETS");
  }

  @Test
  void toString_showsNoVoiceSecret() {
    // GIVEN every voice secret set
    Environment env =
        Environment.of(
            Map.of(
                "TWILIO_AUTH_TOKENS", "twilio-token-4f1c, twilio-token-9a2b",
                "VONAGE_SIGNATURE_SECRETS", "vonage-secret-77d1",
                "VOICE_HMAC_SECRETS", "whsec_dm9pY2Utc2VjcmV0"));
    // WHEN the whole configuration is printed
    String printed = GatewayConfig.from(env).toString();
    // THEN none of the values appears
    assertThat(printed)
        .doesNotContain("twilio-token-4f1c", "twilio-token-9a2b", "vonage-secret-77d1")
        .doesNotContain("dm9pY2Utc2VjcmV0")
        .contains("Secret[****]");
  }

  @Test
  void requireVerifyToken_unset_namesTheVariable() {
    GatewayConfig config = GatewayConfig.from(Environment.of(Map.of()));
    assertThatThrownBy(config::requireVerifyToken).hasMessageContaining("META_VERIFY_TOKEN");
  }

  @Test
  void secret_toString_neverShowsTheValue() {
    Secret secret = Secret.of("super-secret-value");
    assertThat(secret.toString()).doesNotContain("super-secret-value");
    assertThat(secret.matches("super-secret-value")).isTrue();
    assertThat(secret.matches("super-secret-valuE")).isFalse();
    assertThat(secret.matches(null)).isFalse();
  }
}
