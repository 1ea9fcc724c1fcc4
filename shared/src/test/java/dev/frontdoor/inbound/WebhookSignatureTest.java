package dev.frontdoor.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WebhookSignature.Result;
import dev.frontdoor.testing.Sensitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
  private static final Secret NEW_SECRET = Secret.of(Sensitive.APP_SECRET);
  private static final Secret OLD_SECRET = Secret.of(Sensitive.OLD_APP_SECRET);
  private static final byte[] BODY =
      "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

  private final WebhookSignature signature = new WebhookSignature(List.of(NEW_SECRET));

  @Test
  void check_publishedTestVector_isValid() throws IOException {
    // GIVEN the published X-Hub-Signature-256 test vector, read from the shared specs
    JsonNode vector =
        new ObjectMapper()
            .readTree(
                MetaSpecs.read(MetaSpecs.meta().resolve("x_hub_signature_256_test_vector.json")));
    Secret secret = Secret.of(vector.get("secret").asText());
    byte[] payload = vector.get("payload").asText().getBytes(StandardCharsets.UTF_8);
    String header = vector.get("x_hub_signature_256").asText();

    // WHEN the header is checked against the payload with the vector's secret
    Result result = new WebhookSignature(List.of(secret)).check(payload, header);

    // THEN it is valid, and sign() produces exactly the published header
    assertThat(result).isEqualTo(Result.VALID);
    assertThat(WebhookSignature.sign(payload, secret))
        .isEqualTo(header)
        .isEqualTo("sha256=" + vector.get("signature_hex").asText());
  }

  @Test
  void check_bodySignedWithOldSecret_isValidWhileBothSecretsAreConfigured() {
    // GIVEN a rotation in progress: the new and the old app secret are both configured
    WebhookSignature rotating = new WebhookSignature(List.of(NEW_SECRET, OLD_SECRET));
    String header = WebhookSignature.sign(BODY, OLD_SECRET);

    // WHEN a delivery still signed with the old secret arrives
    Result result = rotating.check(BODY, header);

    // THEN it is accepted
    assertThat(result).isEqualTo(Result.VALID);
  }

  @Test
  void check_bodySignedWithNewSecret_isValidWhileBothSecretsAreConfigured() {
    // GIVEN both secrets configured, the old one listed first
    WebhookSignature rotating = new WebhookSignature(List.of(OLD_SECRET, NEW_SECRET));

    // WHEN a delivery signed with the new secret arrives
    Result result = rotating.check(BODY, WebhookSignature.sign(BODY, NEW_SECRET));

    // THEN it is accepted whichever position its secret has
    assertThat(result).isEqualTo(Result.VALID);
  }

  @Test
  void check_bodySignedWithOldSecret_isInvalidOnceOnlyTheNewSecretIsConfigured() {
    // GIVEN the rotation is finished: only the new secret is configured
    String header = WebhookSignature.sign(BODY, OLD_SECRET);

    // WHEN a delivery signed with the old secret arrives
    Result result = signature.check(BODY, header);

    // THEN it is refused
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t\r\n"})
  void check_missingOrBlankHeader_isMissing(String header) {
    // GIVEN a delivery without a usable X-Hub-Signature-256 header
    // WHEN it is checked
    Result result = signature.check(BODY, header);

    // THEN the signature is reported missing (not invalid)
    assertThat(result).isEqualTo(Result.MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha512=", "sha256:", "sha256-", "hmac256", "sha257="})
  void check_wrongPrefixWithCorrectHex_isInvalid(String prefix) {
    // GIVEN the right hex digest behind a prefix other than "sha256="
    String hex = WebhookSignature.sign(BODY, NEW_SECRET).substring("sha256=".length());

    // WHEN it is checked
    Result result = signature.check(BODY, prefix + hex);

    // THEN it is refused
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void check_hexWithoutPrefix_isInvalid() {
    // GIVEN the right hex digest with no prefix at all
    String hex = WebhookSignature.sign(BODY, NEW_SECRET).substring("sha256=".length());

    // WHEN it is checked
    Result result = signature.check(BODY, hex);

    // THEN it is refused
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void check_wrongLength_isInvalid() {
    // GIVEN the right digest shortened by one digit, extended by one digit, and doubled
    String header = WebhookSignature.sign(BODY, NEW_SECRET);
    String hex = header.substring("sha256=".length());

    // WHEN each is checked
    // THEN each is refused
    assertThat(signature.check(BODY, header.substring(0, header.length() - 1)))
        .isEqualTo(Result.INVALID);
    assertThat(signature.check(BODY, header + "0")).isEqualTo(Result.INVALID);
    assertThat(signature.check(BODY, header + hex)).isEqualTo(Result.INVALID);
    assertThat(signature.check(BODY, "sha256=")).isEqualTo(Result.INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"g", "z", "G", " ", "-", "+", "é"})
  void check_nonHexDigit_isInvalid(String digit) {
    // GIVEN a header of the right length with one digit that is not hex
    String header = WebhookSignature.sign(BODY, NEW_SECRET);
    String broken = header.substring(0, 20) + digit + header.substring(21);
    assertThat(broken).hasSameSizeAs(header);

    // WHEN it is checked
    Result result = signature.check(BODY, broken);

    // THEN it is refused without an exception
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void check_uppercaseHex_isInvalid() {
    // GIVEN the right digest written in uppercase hex (Meta always sends lowercase)
    String hex = WebhookSignature.sign(BODY, NEW_SECRET).substring("sha256=".length());
    String header = "sha256=" + hex.toUpperCase(Locale.ROOT);
    assertThat(header).isNotEqualTo(WebhookSignature.sign(BODY, NEW_SECRET));

    // WHEN it is checked
    Result result = signature.check(BODY, header);

    // THEN it is refused: the header must be exactly "sha256=" and lowercase hex, so even a
    // change of case is not Meta's signature
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void check_uppercasePrefix_isInvalid() {
    // GIVEN the right lowercase digest behind "SHA256="
    String hex = WebhookSignature.sign(BODY, NEW_SECRET).substring("sha256=".length());

    // WHEN it is checked
    Result result = signature.check(BODY, "SHA256=" + hex);

    // THEN it is refused: the prefix is matched exactly
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void check_sha1SignatureWithTheRightSecret_isInvalid() throws Exception {
    // GIVEN the legacy X-Hub-Signature form: "sha1=" + a correct HMAC-SHA1 of the body
    Mac sha1 = Mac.getInstance("HmacSHA1");
    sha1.init(new SecretKeySpec(NEW_SECRET.bytes(), "HmacSHA1"));
    String header = "sha1=" + HexFormat.of().formatHex(sha1.doFinal(BODY));

    // WHEN it is presented as X-Hub-Signature-256
    Result result = signature.check(BODY, header);

    // THEN it is refused: only sha256 counts
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void check_surroundingWhitespace_isTrimmedAndValid() {
    // GIVEN the right header with leading and trailing whitespace (as a proxy may leave it)
    String header = WebhookSignature.sign(BODY, NEW_SECRET);

    // WHEN each variant is checked
    // THEN each is accepted
    assertThat(signature.check(BODY, "  " + header)).isEqualTo(Result.VALID);
    assertThat(signature.check(BODY, header + " ")).isEqualTo(Result.VALID);
    assertThat(signature.check(BODY, "\t" + header + "\r\n")).isEqualTo(Result.VALID);
  }

  @Test
  void check_whitespaceInsideTheValue_isInvalid() {
    // GIVEN the right digest with a space after the prefix, and one inside the hex
    String hex = WebhookSignature.sign(BODY, NEW_SECRET).substring("sha256=".length());

    // WHEN each variant is checked
    // THEN each is refused
    assertThat(signature.check(BODY, "sha256= " + hex)).isEqualTo(Result.INVALID);
    assertThat(signature.check(BODY, "sha256 =" + hex)).isEqualTo(Result.INVALID);
    assertThat(signature.check(BODY, "sha256=" + hex.substring(0, 32) + " " + hex.substring(32)))
        .isEqualTo(Result.INVALID);
  }

  @Test
  void check_bodyDifferingByOneByte_isInvalid() {
    // GIVEN a header signed over the body
    String header = WebhookSignature.sign(BODY, NEW_SECRET);
    byte[] flipped = BODY.clone();
    flipped[flipped.length / 2] ^= 0x01;
    byte[] longer =
        (new String(BODY, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

    // WHEN a body one byte different (changed, or one byte longer) is checked with it
    // THEN it is refused
    assertThat(signature.check(BODY, header)).isEqualTo(Result.VALID);
    assertThat(signature.check(flipped, header)).isEqualTo(Result.INVALID);
    assertThat(signature.check(longer, header)).isEqualTo(Result.INVALID);
  }

  @Test
  void check_headerSignedWithAnUnrelatedSecret_isInvalid() {
    // GIVEN a well-formed header signed with a secret that is not configured
    String header = WebhookSignature.sign(BODY, Secret.of("some-other-app-secret-19af"));

    // WHEN it is checked
    Result result = signature.check(BODY, header);

    // THEN it is refused
    assertThat(result).isEqualTo(Result.INVALID);
  }

  @Test
  void sign_utf8BodyWithEmojiAndAccents_roundTripsOnTheRawBytes() throws Exception {
    // GIVEN a body with accented letters and an emoji, as UTF-8 bytes
    String text = "{\"body\":\"Olá, café às 10h? 👍 ñ ü ß 日本\"}";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertThat(utf8.length).isGreaterThan(text.length());

    // WHEN it is signed and the header checked against the same bytes
    String header = WebhookSignature.sign(utf8, NEW_SECRET);

    // THEN it is valid, equals an independent HMAC over the UTF-8 bytes, and does not match the
    // same text in another encoding
    assertThat(signature.check(utf8, header)).isEqualTo(Result.VALID);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(Sensitive.APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(header).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(utf8)));
    assertThat(signature.check(text.getBytes(StandardCharsets.UTF_16), header))
        .isEqualTo(Result.INVALID);
    assertThat(signature.check(text.getBytes(StandardCharsets.ISO_8859_1), header))
        .isEqualTo(Result.INVALID);
  }

  @Test
  void sign_anyBody_isSha256PrefixAndLowercaseHex() {
    // GIVEN a body, including an empty one
    // WHEN it is signed
    String header = WebhookSignature.sign(BODY, NEW_SECRET);
    String empty = WebhookSignature.sign(new byte[0], NEW_SECRET);

    // THEN the header has Meta's form, and an empty body signs and verifies like any other
    assertThat(header).matches("sha256=[0-9a-f]{64}");
    assertThat(empty).matches("sha256=[0-9a-f]{64}").isNotEqualTo(header);
    assertThat(signature.check(new byte[0], empty)).isEqualTo(Result.VALID);
  }

  @Test
  void constructor_noSecret_isRefused() {
    // GIVEN no configured app secret
    // WHEN a checker is built
    // THEN it is refused
    assertThatThrownBy(() -> new WebhookSignature(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
  }
}
