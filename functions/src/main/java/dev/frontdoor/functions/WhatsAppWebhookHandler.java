package dev.frontdoor.functions;

import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import dev.frontdoor.domain.webhook.SubscriptionAnswer;
import dev.frontdoor.domain.webhook.SubscriptionHandshake;
import dev.frontdoor.domain.webhook.SubscriptionRequest;
import dev.frontdoor.functions.http.HttpApiRequest;
import dev.frontdoor.functions.http.HttpApiResponse;
import dev.frontdoor.functions.http.HttpFunction;
import dev.frontdoor.port.in.VerifyWebhookSubscription;

/** {@code /webhooks/whatsapp}: Meta's verification handshake (GET). */
public final class WhatsAppWebhookHandler extends HttpFunction {
  private final VerifyWebhookSubscription handshake;

  /** Lambda's constructor: configuration from the process environment, read once. */
  public WhatsAppWebhookHandler() {
    this(Environment.system());
  }

  public WhatsAppWebhookHandler(Environment env) {
    this(new SubscriptionHandshake(GatewayConfig.from(env).requireVerifyToken()));
  }

  public WhatsAppWebhookHandler(VerifyWebhookSubscription handshake) {
    this.handshake = handshake;
  }

  @Override
  protected HttpApiResponse handle(HttpApiRequest request) {
    if (!"GET".equals(request.method())) {
      return HttpApiResponse.error(405, "method not allowed on this route");
    }
    SubscriptionAnswer answer =
        handshake.verify(
            new SubscriptionRequest(
                request.query("hub.mode"),
                request.query("hub.verify_token"),
                request.query("hub.challenge")));
    if (answer instanceof SubscriptionAnswer.Accepted accepted) {
      return HttpApiResponse.text(200, accepted.challenge());
    }
    if (answer instanceof SubscriptionAnswer.Refused refused) {
      return HttpApiResponse.error(403, refused.reason());
    }
    return HttpApiResponse.error(400, ((SubscriptionAnswer.Malformed) answer).reason());
  }
}
