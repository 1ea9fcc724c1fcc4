package dev.frontdoor.adapter.in.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.Secret;
import dev.frontdoor.testing.Specs;
import dev.frontdoor.voice.VoiceSignatureResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published vector ({@code specs/vonage/signed_webhook_jwt_test_vector.json}, from Vonage's
 * Python SDK) is a generic HS256 token without {@code payload_hash}: its signature is verified with
 * the library directly, and the gateway refuses it as a webhook (a token that does not cover the
 * body). Tokens minted here with the library cover the webhook cases.
 */
class VonageSignatureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret CURRENT = Secret.of("test-vonage-signature-secret-current");
  private static final Secret PREVIOUS = Secret.of("test-vonage-signature-secret-previous");
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] BODY = Specs.bytes("vonage", "voice_event_inbound_answered.json");

  private final VonageSignature signature = new VonageSignature(List.of(CURRENT), CLOCK);

  private static String hashOf(byte[] body) {
    return HexFormat.of().formatHex(VonageSignature.sha256(body));
  }

  private static JWTCreator.Builder webhookClaims(byte[] body) {
    return JWT.create()
        .withIssuedAt(NOW)
        .withJWTId("c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5")
        .withIssuer("Vonage")
        .withClaim("payload_hash", hashOf(body))
        .withClaim("api_key", "a1b2c3d")
        .withClaim("application_id", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String signed(JWTCreator.Builder claims, Secret secret) {
    return claims.sign(Algorithm.HMAC256(secret.bytes()));
  }

  @Test
  void publishedVector_signatureVerifiesWithTheLibraryOnlyUnderItsSecret() throws IOException {
    // GIVEN Vonage's published token and its valid and invalid secrets
    JsonNode vector = JSON.readTree(Specs.bytes("vonage", "signed_webhook_jwt_test_vector.json"));
    String token = vector.get("token").asText();
    Instant issuedAt = JWT.decode(token).getIssuedAtAsInstant();
    Clock then = Clock.fixed(issuedAt, ZoneOffset.UTC);
    JWTVerifier valid =
        ((JWTVerifier.BaseVerification)
                JWT.require(Algorithm.HMAC256(vector.get("valid_signature_secret").asText())))
            .build(then);
    JWTVerifier invalid =
        ((JWTVerifier.BaseVerification)
                JWT.require(Algorithm.HMAC256(vector.get("invalid_signature_secret").asText())))
            .build(then);

    // WHEN / THEN the signature verifies only with the valid secret, as the vector expects
    assertThat(vector.get("expect_valid_with_valid_secret").asBoolean()).isTrue();
    assertThat(valid.verify(token).getAlgorithm()).isEqualTo("HS256");
    assertThat(vector.get("expect_valid_with_invalid_secret").asBoolean()).isFalse();
    assertThatThrownBy(() -> invalid.verify(token))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> valid.verify(vector.get("malformed_token_example").asText()))
        .isInstanceOf(JWTDecodeException.class);
  }

  @Test
  void publishedVector_asAWebhook_isInvalidForItHasNoPayloadHash() throws IOException {
    // GIVEN the published token, correctly signed but without payload_hash, checked when issued
    JsonNode vector = JSON.readTree(Specs.bytes("vonage", "signed_webhook_jwt_test_vector.json"));
    String token = vector.get("token").asText();
    assertThat(JWT.decode(token).getClaim("payload_hash").isMissing()).isTrue();
    Clock then = Clock.fixed(JWT.decode(token).getIssuedAtAsInstant(), ZoneOffset.UTC);
    Secret validSecret = Secret.of(vector.get("valid_signature_secret").asText());
    Secret invalidSecret = Secret.of(vector.get("invalid_signature_secret").asText());

    // WHEN it is presented as a webhook's Authorization header
    // THEN it is refused under either secret: nothing ties it to the body
    assertThat(new VonageSignature(List.of(validSecret), then).check(bearer(token), BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(new VonageSignature(List.of(invalidSecret), then).check(bearer(token), BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(
            new VonageSignature(List.of(validSecret), then)
                .check(bearer(vector.get("malformed_token_example").asText()), BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void publishedSampleHeaderAndPayload_parseAsTheWebhookClaims() throws IOException {
    // GIVEN the documentation's sample signed-webhook header and payload
    JsonNode header = JSON.readTree(Specs.bytes("vonage", "signed_webhook_sample_jwt_header.json"));
    JsonNode payload =
        JSON.readTree(Specs.bytes("vonage", "signed_webhook_sample_jwt_payload.json"));

    // THEN they carry the claims this verifier relies on
    assertThat(header.get("alg").asText()).isEqualTo("HS256");
    assertThat(header.get("typ").asText()).isEqualTo("JWT");
    assertThat(payload.get("iss").asText()).isEqualTo("Vonage");
    assertThat(payload.get("iat").isIntegralNumber()).isTrue();
    assertThat(payload.get("payload_hash").asText()).matches("[0-9a-f]{64}");
    assertThat(payload.get("jti").asText()).isNotBlank();
    assertThat(payload.get("api_key").asText()).isNotBlank();
    assertThat(payload.get("application_id").asText()).isNotBlank();

    // AND a token signed here over exactly that header and payload, checked at its iat, is
    // refused for a body it does not hash (the sample's body is not published)
    Instant iat = Instant.ofEpochSecond(payload.get("iat").asLong());
    String token =
        JWT.create()
            .withHeader(JSON.convertValue(header, Map.class))
            .withPayload(payload.toString())
            .sign(Algorithm.HMAC256(CURRENT.bytes()));
    VonageSignature then = new VonageSignature(List.of(CURRENT), Clock.fixed(iat, ZoneOffset.UTC));
    assertThat(then.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(JWT.decode(token).getClaim("payload_hash").asString())
        .isEqualTo(payload.get("payload_hash").asText());
  }

  @Test
  void check_tokenHashingThisBody_isValid() {
    String token = signed(webhookClaims(BODY), CURRENT);
    assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(signature.check("bearer " + token, BODY)).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(signature.check("  Bearer " + token + " ", BODY))
        .isEqualTo(VoiceSignatureResult.VALID);
  }

  @Test
  void check_uppercaseHexPayloadHash_isValid() {
    // GIVEN a payload_hash written in uppercase hex: both cases are accepted
    String token =
        signed(
            webhookClaims(BODY).withClaim("payload_hash", hashOf(BODY).toUpperCase(Locale.ROOT)),
            CURRENT);
    assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.VALID);
  }

  @Test
  void check_bodyChangedAfterSigning_isInvalid() {
    // GIVEN a token over the body, and the body with one byte changed
    String token = signed(webhookClaims(BODY), CURRENT);
    byte[] changed = BODY.clone();
    changed[changed.length / 2] ^= 0x01;

    // WHEN / THEN it is refused
    assertThat(signature.check(bearer(token), changed)).isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(signature.check(bearer(token), new byte[0])).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "not-hex", "d6c0e74b5857df20e3b7e51b30c0c2a40ec73a77879b6f074ddc7a2317dd031"})
  void check_malformedPayloadHash_isInvalid(String hash) {
    String token = signed(webhookClaims(BODY).withClaim("payload_hash", hash), CURRENT);
    assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_withoutPayloadHashOrIat_isInvalid() {
    String noHash = signed(JWT.create().withIssuedAt(NOW).withIssuer("Vonage"), CURRENT);
    String noIat =
        signed(JWT.create().withIssuer("Vonage").withClaim("payload_hash", hashOf(BODY)), CURRENT);
    assertThat(signature.check(bearer(noHash), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(signature.check(bearer(noIat), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_iatAtTheEdgesOfTheTolerance_isValidInsideAndStaleOutside() {
    Duration inside = VonageSignature.TOLERANCE;
    Duration outside = VonageSignature.TOLERANCE.plusSeconds(1);
    String[] valid = {
      signed(webhookClaims(BODY).withIssuedAt(NOW.minus(inside)), CURRENT),
      signed(webhookClaims(BODY).withIssuedAt(NOW.plus(inside)), CURRENT)
    };
    String[] stale = {
      signed(webhookClaims(BODY).withIssuedAt(NOW.minus(outside)), CURRENT),
      signed(webhookClaims(BODY).withIssuedAt(NOW.plus(outside)), CURRENT),
      signed(webhookClaims(BODY).withIssuedAt(NOW.minus(Duration.ofDays(400))), CURRENT)
    };
    for (String token : valid) {
      assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.VALID);
    }
    for (String token : stale) {
      assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.STALE);
    }
  }

  @Test
  void check_expiredToken_isStale() {
    String token = signed(webhookClaims(BODY).withExpiresAt(NOW.minusSeconds(1)), CURRENT);
    assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.STALE);
  }

  @Test
  void check_staleTokenSignedWithAnotherSecret_isInvalidNotStale() {
    // GIVEN an old token signed with a secret that is not configured
    String token =
        signed(
            webhookClaims(BODY).withIssuedAt(NOW.minus(Duration.ofHours(1))),
            Secret.of("test-some-other-vonage-secret"));
    // THEN the answer says forged, not merely late
    assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_algNone_isInvalid() {
    // GIVEN an unsigned token, and one claiming alg none but carrying a real HS256 signature
    String unsigned = webhookClaims(BODY).sign(Algorithm.none());
    String real = signed(webhookClaims(BODY), CURRENT);
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String relabelled = noneHeader + real.substring(real.indexOf('.'));

    // WHEN / THEN both are refused
    assertThat(signature.check(bearer(unsigned), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(signature.check(bearer(relabelled), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_otherAlgorithms_areInvalid() throws Exception {
    // GIVEN tokens with the right claims signed with HS384, HS512 (same secret) and RS256
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var pair = generator.generateKeyPair();
    String[] tokens = {
      webhookClaims(BODY).sign(Algorithm.HMAC384(CURRENT.bytes())),
      webhookClaims(BODY).sign(Algorithm.HMAC512(CURRENT.bytes())),
      webhookClaims(BODY)
          .sign(
              Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate()))
    };
    // WHEN / THEN each is refused
    for (String token : tokens) {
      assertThat(signature.check(bearer(token), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
    }
  }

  @Test
  void check_signedWithEitherRotatingSecret_isValid() {
    VonageSignature rotating = new VonageSignature(List.of(CURRENT, PREVIOUS), CLOCK);
    String byPrevious = signed(webhookClaims(BODY), PREVIOUS);
    String byCurrent = signed(webhookClaims(BODY), CURRENT);
    assertThat(rotating.check(bearer(byPrevious), BODY)).isEqualTo(VoiceSignatureResult.VALID);
    assertThat(rotating.check(bearer(byCurrent), BODY)).isEqualTo(VoiceSignatureResult.VALID);
    // once the rotation is over, the previous secret no longer works
    assertThat(signature.check(bearer(byPrevious), BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void check_noAuthorizationHeader_isMissing(String header) {
    assertThat(signature.check(header, BODY)).isEqualTo(VoiceSignatureResult.MISSING);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt", "Bearer a.b"})
  void check_notABearerJwt_isInvalid(String header) {
    assertThat(signature.check(header, BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_jwtWithoutTheBearerScheme_isInvalid() {
    String token = signed(webhookClaims(BODY), CURRENT);
    assertThat(signature.check(token, BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void constructor_noSecret_isRefused() {
    assertThatThrownBy(() -> new VonageSignature(List.of(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
