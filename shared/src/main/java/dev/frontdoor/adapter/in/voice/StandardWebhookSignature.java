package dev.frontdoor.adapter.in.voice;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.frontdoor.config.Secret;
import dev.frontdoor.voice.CallWebhook;
import dev.frontdoor.voice.VoiceSignatureResult;
import dev.frontdoor.voice.port.out.CallWebhookVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) for
 * voice providers without a scheme of their own, verified by the specification's Java library:
 * HMAC-SHA256 over {@code id.timestamp.body} with a {@code whsec_<base64>} secret, any of the
 * space-separated {@code v1,<base64>} signatures matching. Every configured secret is tried
 * (rotation).
 *
 * <p>Two checks come first, here. The timestamp is checked against the injected clock, so that a
 * stale delivery is told apart from a forged one (the library reports both with one exception type,
 * against the system clock, with the same {@link #TOLERANCE}). And the body must be valid UTF-8,
 * because the library takes the body as a String and signs its UTF-8 encoding: only then is that
 * the exact bytes received (two malformed bodies would otherwise decode alike).
 */
public final class StandardWebhookSignature implements CallWebhookVerifier {
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

  private final List<Webhook> webhooks;
  private final Clock clock;

  /**
   * @throws IllegalArgumentException if a secret is not base64 after its {@code whsec_} prefix
   */
  public StandardWebhookSignature(List<Secret> secrets, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one Standard Webhooks secret is needed");
    }
    this.webhooks = secrets.stream().map(secret -> new Webhook(secret.reveal())).toList();
    this.clock = clock;
  }

  /** Checks one request; each header is null when absent. */
  @Override
  public VoiceSignatureResult verify(CallWebhook webhook) {
    return check(
        webhook.header("webhook-id"),
        webhook.header("webhook-timestamp"),
        webhook.header("webhook-signature"),
        webhook.body());
  }

  public VoiceSignatureResult check(String id, String timestamp, String signature, byte[] body) {
    if (isBlank(id) || isBlank(timestamp) || isBlank(signature)) {
      return VoiceSignatureResult.MISSING;
    }
    String seconds = timestamp.trim();
    if (!SECONDS.matcher(seconds).matches()) {
      return VoiceSignatureResult.INVALID;
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(seconds));
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
      return VoiceSignatureResult.STALE;
    }
    String payload;
    try {
      payload =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      return VoiceSignatureResult.INVALID;
    }
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", List.of(id.trim()),
            "webhook-timestamp", List.of(seconds),
            "webhook-signature", List.of(signature.trim()));
    for (Webhook webhook : webhooks) {
      try {
        webhook.verify(payload, headers);
        return VoiceSignatureResult.VALID;
      } catch (WebhookVerificationException otherSecretOrForged) {
        // try the next secret
      }
    }
    return VoiceSignatureResult.INVALID;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
