package dev.frontdoor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        "META_PHONE_NUMBER_ID | abc            | META_PHONE_NUMBER_ID",
        "META_PHONE_NUMBER_IDS | '123456,abc'  | META_PHONE_NUMBER_IDS",
        "META_PHONE_NUMBER_IDS | '123456,,7890123' | META_PHONE_NUMBER_IDS",
        "API_TOKENS           | short          | API_TOKENS",
        "META_APP_SECRETS     | 'one,,two'     | META_APP_SECRETS",
        "RETENTION_DAYS       | -1             | RETENTION_DAYS",
        "DEFAULT_REGION       | ZAF            | DEFAULT_REGION",
        "OUTBOUND_QUEUE_URL   | queue          | OUTBOUND_QUEUE_URL",
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
