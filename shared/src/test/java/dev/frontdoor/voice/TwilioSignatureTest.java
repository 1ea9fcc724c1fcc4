package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.common.FormBody;
import dev.frontdoor.config.Secret;
import dev.frontdoor.testing.Specs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every value of {@code specs/twilio/signature_test_vectors.json} (Twilio's own SDK tests,
 * see that folder's SOURCES.md), then tampers with a request signed the same way.
 */
class TwilioSignatureTest {
  private static JsonNode vectors;
  private static Secret token;
  private static String url;
  private static Map<String, List<String>> params;

  private static final Secret CURRENT = Secret.of("0123456789abcdef0123456789abcdef");
  private static final Secret PREVIOUS = Secret.of("fedcba9876543210fedcba9876543210");
  private static final byte[] NO_BODY = new byte[0];

  @BeforeAll
  static void readVectors() throws IOException {
    vectors = new ObjectMapper().readTree(Specs.bytes("twilio", "signature_test_vectors.json"));
    token = Secret.of(vectors.get("auth_token").asText());
    url = vectors.get("url").asText();
    Map<String, List<String>> fields = new LinkedHashMap<>();
    vectors
        .get("params")
        .fields()
        .forEachRemaining(f -> fields.put(f.getKey(), List.of(f.getValue().asText())));
    params = fields;
  }

  private static TwilioSignature verifier(Secret... tokens) {
    return new TwilioSignature(List.of(tokens));
  }

  @Test
  void check_publishedFormVector_isValidAndSignReproducesIt() {
    // GIVEN the published URL, parameters and signature
    String expected = vectors.get("expected_signature").asText();

    // WHEN it is checked with the published auth token
    VoiceSignatureResult result = verifier(token).check(url, params, NO_BODY, expected);

    // THEN it is valid, and sign() computes exactly that header
    assertThat(result).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(TwilioSignature.sign(url, params, token)).isEqualTo(expected);
  }

  @Test
  void check_everyPublishedPortVariant_isValid() {
    // GIVEN each published URL with the signature the SDKs accept for it (port added or removed)
    JsonNode variants = vectors.get("port_variants");
    assertThat(variants).hasSize(4);

    // WHEN each is checked / THEN each is valid
    for (JsonNode variant : variants) {
      assertThat(
              verifier(token)
                  .check(
                      variant.get("url").asText(),
                      params,
                      NO_BODY,
                      variant.get("validates_with").asText()))
          .as(variant.get("comment").asText())
          .isEqualTo(VoiceSignatureResult.VALID);
    }
  }

  @Test
  void check_publishedRepeatedParameters_signsEachDistinctValueSorted() {
    // GIVEN the published vector where Digits is sent twice, 5678 first (twilio-python sorts a
    // repeated name's values and drops duplicates; its test says so and its signature shows it)
    JsonNode vector = vectors.get("duplicate_params");
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (JsonNode pair : vector.get("params_multi")) {
      fields
          .computeIfAbsent(pair.get(0).asText(), k -> new ArrayList<>())
          .add(pair.get(1).asText());
    }
    Map<String, List<String>> repeated = fields;
    String expected = vector.get("expected_signature").asText();

    // WHEN it is checked, with the values swapped, with one repeated, and with one value dropped
    String vectorUrl = vector.get("url").asText();
    VoiceSignatureResult result = verifier(token).check(vectorUrl, repeated, NO_BODY, expected);
    Map<String, List<String>> variant = new LinkedHashMap<>(fields);
    variant.put("Digits", List.of("1234", "5678"));
    VoiceSignatureResult swapped = verifier(token).check(vectorUrl, variant, NO_BODY, expected);
    variant.put("Digits", List.of("5678", "1234", "1234"));
    VoiceSignatureResult duplicated = verifier(token).check(vectorUrl, variant, NO_BODY, expected);
    variant.put("Digits", List.of("5678"));
    VoiceSignatureResult dropped = verifier(token).check(vectorUrl, variant, NO_BODY, expected);

    // THEN the set of values counts, not their order or repetition
    assertThat(result).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(swapped).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(duplicated).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(dropped).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_publishedJsonBodyVectors_signTheUrlAndHashTheBody() {
    // GIVEN the published JSON body with bodySHA256 in the URL, with and without other parameters
    JsonNode vector = vectors.get("json_body");
    byte[] body = vector.get("body").asText().getBytes(StandardCharsets.UTF_8);
    assertThat(TwilioSignature.sha256(body))
        .isEqualTo(HexFormat.of().parseHex(vector.get("body_sha256_hex").asText()));

    // WHEN each is checked (form parameters passed along are not part of a JSON signature)
    VoiceSignatureResult withQuery =
        verifier(token)
            .check(
                vector.get("url").asText(),
                params,
                body,
                vector.get("expected_signature").asText());
    VoiceSignatureResult onlyHash =
        verifier(token)
            .check(
                vector.get("url_without_other_params").asText(),
                Map.of(),
                body,
                vector.get("expected_signature_without_other_params").asText());

    // THEN both are valid
    assertThat(withQuery).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(onlyHash).isEqualTo(VoiceSignatureResult.VALID);
  }

  @Test
  void check_jsonBodyChangedAfterSigning_isInvalid() {
    // GIVEN the published JSON signature, but a body one character different
    JsonNode vector = vectors.get("json_body");
    byte[] changed =
        vector.get("body").asText().replace("true", "fals").getBytes(StandardCharsets.UTF_8);

    // WHEN it is checked
    VoiceSignatureResult result =
        verifier(token)
            .check(
                vector.get("url").asText(),
                Map.of(),
                changed,
                vector.get("expected_signature").asText());

    // THEN the body hash does not match: invalid, although the URL signature does
    assertThat(result).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_bodyHashReplacedInTheUrl_isInvalid() {
    // GIVEN an attacker's body and its own hash put into the published URL
    JsonNode vector = vectors.get("json_body");
    byte[] forged = "{\"property\": \"evil\"}".getBytes(StandardCharsets.UTF_8);
    String forgedUrl =
        vector
            .get("url")
            .asText()
            .replace(
                vector.get("body_sha256_hex").asText(),
                HexFormat.of().formatHex(TwilioSignature.sha256(forged)));

    // WHEN it is checked with the published signature
    VoiceSignatureResult result =
        verifier(token)
            .check(forgedUrl, Map.of(), forged, vector.get("expected_signature").asText());

    // THEN the URL no longer matches its signature
    assertThat(result).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_changedParameter_isInvalid() {
    // GIVEN the published signature with one parameter value changed, one added, one removed
    String expected = vectors.get("expected_signature").asText();
    Map<String, List<String>> changed = new LinkedHashMap<>(params);
    changed.put("Digits", List.of("1235"));
    Map<String, List<String>> added = new LinkedHashMap<>(params);
    added.put("CallStatus", List.of("completed"));
    Map<String, List<String>> removed = new LinkedHashMap<>(params);
    removed.remove("Caller");

    // WHEN each is checked / THEN each is refused
    for (Map<String, List<String>> fields : List.of(changed, added, removed)) {
      assertThat(verifier(token).check(url, fields, NO_BODY, expected))
          .isEqualTo(VoiceSignatureResult.INVALID);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://mycompany.com/myapp.php?foo=1&bar=3",
        "https://mycompany.com/myapp.php?bar=2&foo=1",
        "https://mycompany.com/myapp.php?foo=1&bar=2&x=",
        "https://mycompany.com/myapp2.php?foo=1&bar=2",
        "https://mycompany.org/myapp.php?foo=1&bar=2",
        "http://mycompany.com/myapp.php?foo=1&bar=2",
        "https://mycompany.com/myapp.php"
      })
  void check_changedUrl_isInvalid(String changedUrl) {
    // GIVEN the published signature presented for another URL
    // WHEN it is checked
    VoiceSignatureResult result =
        verifier(token)
            .check(changedUrl, params, NO_BODY, vectors.get("expected_signature").asText());

    // THEN it is refused
    assertThat(result).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t"})
  void check_missingHeader_isMissing(String header) {
    assertThat(verifier(token).check(url, params, NO_BODY, header))
        .isEqualTo(VoiceSignatureResult.MISSING);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not base64!",
        "RSOYDt4T1cUTdK1PDd93/VVr8B8",
        "RSOYDt4T1cUTdK1PDd93/VVr8B8=AA==",
        "AAAA"
      })
  void check_malformedHeader_isInvalid(String header) {
    assertThat(verifier(token).check(url, params, NO_BODY, header))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_signedWithEitherRotatingToken_isValidAndWithAnUnconfiguredOneInvalid() {
    // GIVEN a rotation in progress: the current and the previous token are configured
    TwilioSignature rotating = verifier(CURRENT, PREVIOUS);
    String byPrevious = TwilioSignature.sign(url, params, PREVIOUS);
    String byCurrent = TwilioSignature.sign(url, params, CURRENT);

    // WHEN requests signed by each arrive, and one signed by the published test token
    // THEN both configured tokens are accepted and the other refused
    assertThat(rotating.check(url, params, NO_BODY, byPrevious))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(rotating.check(url, params, NO_BODY, byCurrent))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(rotating.check(url, params, NO_BODY, TwilioSignature.sign(url, params, token)))
        .isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(verifier(CURRENT).check(url, params, NO_BODY, byPrevious))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_publishedVoiceWebhookFormBody_roundTripsThroughTheDecoder() {
    // GIVEN Twilio's published example of a voice webhook body, signed here with a test token
    // (the file ends with a newline that is not part of the published string)
    byte[] body =
        Specs.text("twilio", "voice_webhook_request_variables_example.form")
            .stripTrailing()
            .getBytes(StandardCharsets.UTF_8);
    String callUrl = "https://voice.example.com/twilio/voice/events";
    Map<String, List<String>> form = FormBody.parse(body).asMap();
    String header = TwilioSignature.sign(callUrl, form, CURRENT);

    // WHEN the decoded form is checked, and a body with From changed
    Map<String, List<String>> changed =
        FormBody.parse(
                new String(body, StandardCharsets.UTF_8)
                    .replace("From=%2B17378742833", "From=%2B17378742834"))
            .asMap();

    // THEN the decoder yields the published values and only the unchanged body is valid
    assertThat(form.get("From")).containsExactly("+17378742833");
    assertThat(form.get("CallStatus")).containsExactly("in-progress");
    assertThat(verifier(CURRENT).check(callUrl, form, body, header))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(verifier(CURRENT).check(callUrl, changed, body, header))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void urlVariants_addOrRemoveOnlyThePort() {
    assertThat(TwilioSignature.urlVariants("https://a.example/p?q=1"))
        .containsExactly("https://a.example:443/p?q=1", "https://a.example/p?q=1");
    assertThat(TwilioSignature.urlVariants("http://a.example?q=%2B1"))
        .containsExactly("http://a.example:80?q=%2B1", "http://a.example?q=%2B1");
    assertThat(TwilioSignature.urlVariants("https://u:p@a.example:8443/p"))
        .containsExactly("https://u:p@a.example:8443/p", "https://u:p@a.example/p");
    assertThat(TwilioSignature.urlVariants("https://[2001:db8::1]:443/p"))
        .containsExactly("https://[2001:db8::1]:443/p", "https://[2001:db8::1]/p");
  }

  @Test
  void constructor_noToken_isRefused() {
    assertThatThrownBy(() -> new TwilioSignature(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
