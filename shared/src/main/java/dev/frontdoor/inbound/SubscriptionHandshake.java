package dev.frontdoor.inbound;

import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.port.in.VerifyWebhookSubscription;
import dev.frontdoor.logging.Log;
import java.util.regex.Pattern;

/**
 * Answers Meta's subscription handshake. The token is compared in constant time; the challenge is
 * echoed only when it is a short run of safe characters, so the endpoint cannot be used to reflect
 * arbitrary content.
 */
public final class SubscriptionHandshake implements VerifyWebhookSubscription {
  private static final Log LOG = Log.of(SubscriptionHandshake.class);
  private static final Pattern SAFE_CHALLENGE = Pattern.compile("[A-Za-z0-9._\\-]{1,256}");

  private final Secret verifyToken;

  public SubscriptionHandshake(Secret verifyToken) {
    this.verifyToken = verifyToken;
  }

  @Override
  public SubscriptionAnswer verify(SubscriptionRequest request) {
    if (request.challenge() == null || request.challenge().isEmpty()) {
      return malformed("hub.challenge is required");
    }
    if (!SAFE_CHALLENGE.matcher(request.challenge()).matches()) {
      return malformed("hub.challenge must be 1-256 letters, digits, '.', '_' or '-'");
    }
    if (!"subscribe".equals(request.mode())) {
      return refused("hub.mode must be subscribe");
    }
    if (!verifyToken.matches(request.verifyToken())) {
      return refused("hub.verify_token does not match");
    }
    LOG.info("webhook.handshake.accepted").write();
    return new SubscriptionAnswer.Accepted(request.challenge());
  }

  private static SubscriptionAnswer malformed(String reason) {
    LOG.warn("webhook.handshake.malformed").field("reason", reason).write();
    return new SubscriptionAnswer.Malformed(reason);
  }

  private static SubscriptionAnswer refused(String reason) {
    LOG.warn("webhook.handshake.refused").field("reason", reason).write();
    return new SubscriptionAnswer.Refused(reason);
  }
}
