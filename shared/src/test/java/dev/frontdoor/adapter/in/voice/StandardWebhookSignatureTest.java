package dev.frontdoor.adapter.in.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import dev.frontdoor.config.Secret;
import dev.frontdoor.voice.VoiceSignatureResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library checks the timestamp against the system clock and cannot be given another, so every
 * delivery that must pass is dated now; the verifier's own tolerance check, on its injected clock,
 * is what tells STALE from INVALID.
 */
class StandardWebhookSignatureTest {
  // The specification's published vector: standard-webhooks/standard-webhooks,
  // libraries/java/src/test/java/com/standardwebhooks/TestScenario.java (validSigned), last changed
  // in commit b57537b4939afb932bccfed18d6853ec6b6f0d81, read at
  // b2fa7b8719fb75d326b591077f5d1b385cfcdfae;
  // the same values are in that repo's libraries/go/webhook_test.go and the C# tests.
  private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long VECTOR_TIMESTAMP = 1614265330L;
  private static final String VECTOR_BODY = "{\"test\": 2432232314}";
  private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final Secret CURRENT = Secret.of(whsec("test-voice-hmac-secret-current-32b"));
  private static final Secret PREVIOUS = Secret.of(whsec("test-voice-hmac-secret-previous-32"));
  private static final String ID = "msg_2xYvoiceCallEvent";
  private static final byte[] BODY =
      "{\"type\":\"call.answered\",\"call\":{\"id\":\"c-1\",\"note\":\"olá 👍\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private final Clock clock = Clock.systemUTC();
  private final StandardWebhookSignature signature =
      new StandardWebhookSignature(List.of(CURRENT), clock);

  private static String whsec(String raw) {
    return "whsec_" + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(Secret secret, String id, long timestamp, byte[] body)
      throws Exception {
    return new Webhook(secret.reveal())
        .sign(id, timestamp, new String(body, StandardCharsets.UTF_8));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  @Test
  void publishedVector_isReproducedByTheLibraryAndAcceptedAtItsTime() throws Exception {
    // GIVEN the published secret, id, timestamp and body
    byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);

    // WHEN the library signs them
    String signed = new Webhook(VECTOR_SECRET).sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);

    // THEN it is the published signature
    assertThat(signed).isEqualTo(VECTOR_SIGNATURE);
    // AND the verifier, clocked at the vector's time, passes its own checks and reaches the
    // library, which then refuses the 2021 timestamp against the system clock: INVALID, not STALE
    Clock then = Clock.fixed(Instant.ofEpochSecond(VECTOR_TIMESTAMP), ZoneOffset.UTC);
    StandardWebhookSignature atVectorTime =
        new StandardWebhookSignature(List.of(Secret.of(VECTOR_SECRET)), then);
    assertThat(
            atVectorTime.check(VECTOR_ID, String.valueOf(VECTOR_TIMESTAMP), VECTOR_SIGNATURE, body))
        .isEqualTo(VoiceSignatureResult.INVALID);
    // AND with the system clock it is simply stale
    assertThat(
            new StandardWebhookSignature(List.of(Secret.of(VECTOR_SECRET)), clock)
                .check(VECTOR_ID, String.valueOf(VECTOR_TIMESTAMP), VECTOR_SIGNATURE, body))
        .isEqualTo(VoiceSignatureResult.STALE);
  }

  @Test
  void publishedVectorValues_signedNow_areValid() throws Exception {
    // GIVEN the published secret, id and body, dated now (the library needs a current timestamp)
    byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);
    Secret secret = Secret.of(VECTOR_SECRET);
    long now = now();
    String header = sign(secret, VECTOR_ID, now, body);

    // WHEN / THEN
    assertThat(
            new StandardWebhookSignature(List.of(secret), clock)
                .check(VECTOR_ID, String.valueOf(now), header, body))
        .isEqualTo(VoiceSignatureResult.VALID);
  }

  @Test
  void check_tamperedBodyIdOrTimestamp_isInvalid() throws Exception {
    long now = now();
    String header = sign(CURRENT, ID, now, BODY);
    byte[] changed = BODY.clone();
    changed[5] ^= 0x01;

    assertThat(signature.check(ID, String.valueOf(now), header, BODY))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(signature.check(ID, String.valueOf(now), header, changed))
        .isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(signature.check(ID + "x", String.valueOf(now), header, BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
    assertThat(signature.check(ID, String.valueOf(now - 1), header, BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_bodyThatIsNotUtf8_isInvalid() throws Exception {
    // GIVEN a body with a byte that is not UTF-8, signed over its lossy decoding
    long now = now();
    byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
    String header = sign(CURRENT, ID, now, notUtf8);

    // WHEN / THEN it is refused: the signature would not be over the bytes received
    assertThat(signature.check(ID, String.valueOf(now), header, notUtf8))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, 1, v1",
        "id, NULL, v1",
        "id, 1, NULL",
        "'', 1, v1",
        "id, ' ', v1",
        "id, 1, ''"
      })
  void check_missingHeader_isMissing(String id, String timestamp, String header) {
    assertThat(signature.check(id, timestamp, header, BODY))
        .isEqualTo(VoiceSignatureResult.MISSING);
  }

  @Test
  void check_timestampOutsideTheTolerance_isStale() throws Exception {
    long outside = StandardWebhookSignature.TOLERANCE.toSeconds() + 60;
    for (long timestamp : new long[] {now() - outside, now() + outside}) {
      String header = sign(CURRENT, ID, timestamp, BODY);
      assertThat(signature.check(ID, String.valueOf(timestamp), header, BODY))
          .isEqualTo(VoiceSignatureResult.STALE);
    }
  }

  @Test
  void check_timestampJudgedOnTheInjectedClock() throws Exception {
    // GIVEN a delivery dated now, checked by a verifier whose clock is ten minutes ahead
    long now = now();
    String header = sign(CURRENT, ID, now, BODY);
    Clock ahead = Clock.offset(clock, Duration.ofMinutes(10));

    // WHEN / THEN the injected clock decides that it is stale
    assertThat(
            new StandardWebhookSignature(List.of(CURRENT), ahead)
                .check(ID, String.valueOf(now), header, BODY))
        .isEqualTo(VoiceSignatureResult.STALE);
  }

  @Test
  void check_timestampNotInSeconds_isInvalid() throws Exception {
    String header = sign(CURRENT, ID, now(), BODY);
    for (String timestamp :
        List.of("abc", "-1", "1.5", String.valueOf(now() * 1000), "2026-03-01T10:00:00Z")) {
      assertThat(signature.check(ID, timestamp, header, BODY))
          .as(timestamp)
          .isIn(VoiceSignatureResult.INVALID, VoiceSignatureResult.STALE);
    }
    assertThat(signature.check(ID, "abc", header, BODY)).isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_signedWithEitherRotatingSecret_isValid() throws Exception {
    StandardWebhookSignature rotating =
        new StandardWebhookSignature(List.of(CURRENT, PREVIOUS), clock);
    long now = now();
    String byPrevious = sign(PREVIOUS, ID, now, BODY);
    String byCurrent = sign(CURRENT, ID, now, BODY);

    assertThat(rotating.check(ID, String.valueOf(now), byPrevious, BODY))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(rotating.check(ID, String.valueOf(now), byCurrent, BODY))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(signature.check(ID, String.valueOf(now), byPrevious, BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_severalSignaturesInTheHeader_validIfOneMatches() throws Exception {
    // GIVEN a sender mid-rotation sending a signature per secret, plus a v2 entry and junk
    long now = now();
    Secret unknown = Secret.of(whsec("test-secret-this-gateway-never-had"));
    String header =
        String.join(
            " ",
            sign(unknown, ID, now, BODY),
            "v2," + sign(CURRENT, ID, now, BODY).substring(3),
            "junk",
            sign(CURRENT, ID, now, BODY));
    String noneMatching =
        String.join(" ", sign(unknown, ID, now, BODY), sign(PREVIOUS, ID, now, BODY));

    // WHEN / THEN one matching v1 entry suffices; none matching is refused
    assertThat(signature.check(ID, String.valueOf(now), header, BODY))
        .isEqualTo(VoiceSignatureResult.VALID);
    assertThat(signature.check(ID, String.valueOf(now), noneMatching, BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void check_rightSignatureUnderAnotherVersion_isInvalid() throws Exception {
    long now = now();
    String v2 = "v2," + sign(CURRENT, ID, now, BODY).substring(3);
    assertThat(signature.check(ID, String.valueOf(now), v2, BODY))
        .isEqualTo(VoiceSignatureResult.INVALID);
  }

  @Test
  void constructor_secretThatIsNotBase64_isRefused() {
    assertThatThrownBy(
            () -> new StandardWebhookSignature(List.of(Secret.of("whsec_not base64!")), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StandardWebhookSignature(List.of(), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
