package dev.frontdoor.adapter.in.voice;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.frontdoor.config.Secret;
import dev.frontdoor.voice.CallWebhook;
import dev.frontdoor.voice.VoiceSignatureResult;
import dev.frontdoor.voice.port.out.CallWebhookVerifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Vonage's signed webhooks: {@code Authorization: Bearer <JWT>}, HS256 with the account's signature
 * secret, whose {@code payload_hash} claim is the hex SHA-256 of the raw body and whose {@code iat}
 * dates it. Every configured secret is tried (rotation).
 *
 * <p>Refused: any algorithm but HS256 (so {@code none} too), a token without {@code payload_hash}
 * or {@code iat} (every Vonage webhook carries both; without the hash the body is not covered), a
 * hash of another body (hex compared in either case), and an {@code iat} more than {@link
 * #TOLERANCE} from now either way, or an {@code exp}/{@code nbf} the library finds passed.
 */
public final class VonageSignature implements CallWebhookVerifier {
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String BEARER = "Bearer ";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<Secret> secrets;
  private final Clock clock;
  private volatile List<JWTVerifier> verifiers;

  public VonageSignature(List<Secret> signatureSecrets, Clock clock) {
    if (signatureSecrets.isEmpty()) {
      throw new IllegalArgumentException("at least one Vonage signature secret is needed");
    }
    this.secrets = List.copyOf(signatureSecrets);
    this.clock = clock;
  }

  /**
   * Built with the first Vonage request, not with the voice function: the JWT library's parser
   * builds a Jackson ObjectMapper (~150 ms of CPU on a cold start), and a function configured for
   * Vonage may serve only Twilio's or Connect's events until then.
   */
  private List<JWTVerifier> verifiers() {
    List<JWTVerifier> built = verifiers;
    if (built == null) {
      built =
          secrets.stream()
              .map(
                  secret ->
                      ((JWTVerifier.BaseVerification)
                              JWT.require(Algorithm.HMAC256(secret.bytes()))
                                  .acceptIssuedAt(TOLERANCE.toSeconds()))
                          .build(clock))
              .toList();
      verifiers = built;
    }
    return built;
  }

  /**
   * Checks one request.
   *
   * @param authorization the {@code Authorization} header, or null when absent
   * @param body the raw body, exactly as received
   */
  @Override
  public VoiceSignatureResult verify(CallWebhook webhook) {
    return check(webhook.header("authorization"), webhook.body());
  }

  public VoiceSignatureResult check(String authorization, byte[] body) {
    if (authorization == null || authorization.isBlank()) {
      return VoiceSignatureResult.MISSING;
    }
    String value = authorization.trim();
    if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return VoiceSignatureResult.INVALID;
    }
    String token = value.substring(BEARER.length()).trim();
    for (JWTVerifier verifier : verifiers()) {
      try {
        return claimsResult(verifier.verify(token), body);
      } catch (SignatureVerificationException otherSecret) {
        // signed with another secret, or with none of them: try the next one
      } catch (TokenExpiredException | IncorrectClaimException outOfTime) {
        // the library checks claims only once the signature matched, and only time claims are
        // required of it: a genuine token, too old or dated in the future
        return VoiceSignatureResult.STALE;
      } catch (JWTVerificationException malformedOrWrongAlgorithm) {
        return VoiceSignatureResult.INVALID;
      }
    }
    return VoiceSignatureResult.INVALID;
  }

  private VoiceSignatureResult claimsResult(DecodedJWT jwt, byte[] body) {
    Instant issuedAt = jwt.getIssuedAtAsInstant();
    String payloadHash = jwt.getClaim("payload_hash").asString();
    if (issuedAt == null || payloadHash == null || !SHA256_HEX.matcher(payloadHash).matches()) {
      return VoiceSignatureResult.INVALID;
    }
    if (Duration.between(issuedAt, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
      return VoiceSignatureResult.STALE;
    }
    return MessageDigest.isEqual(sha256(body), HexFormat.of().parseHex(payloadHash))
        ? VoiceSignatureResult.VALID
        : VoiceSignatureResult.INVALID;
  }

  static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
