package dev.frontdoor.functions;

import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.functions.http.HttpApiRequest;
import dev.frontdoor.functions.http.HttpApiResponse;
import dev.frontdoor.functions.http.HttpFunction;
import dev.frontdoor.inbound.IngestOutcome;
import dev.frontdoor.inbound.SubscriptionAnswer;
import dev.frontdoor.inbound.SubscriptionRequest;
import dev.frontdoor.inbound.WebhookDelivery;
import dev.frontdoor.inbound.port.in.IngestWhatsAppWebhook;
import dev.frontdoor.inbound.port.in.VerifyWebhookSubscription;
import dev.frontdoor.logging.Log;

/** {@code /webhooks/whatsapp}: Meta's verification handshake (GET) and deliveries (POST). */
public final class WhatsAppWebhookHandler extends HttpFunction implements AutoCloseable {
  private static final Log LOG = Log.of(WhatsAppWebhookHandler.class);
  private final VerifyWebhookSubscription handshake;
  private final IngestWhatsAppWebhook ingest;

  /** Lambda's constructor: configuration from the process environment, read once. */
  public WhatsAppWebhookHandler() {
    this(Environment.system());
  }

  public WhatsAppWebhookHandler(Environment env) {
    this(new Composition(env));
  }

  private WhatsAppWebhookHandler(Composition root) {
    this(root.verifyWebhookSubscription(), root.ingestWhatsAppWebhook());
  }

  public WhatsAppWebhookHandler(VerifyWebhookSubscription handshake, IngestWhatsAppWebhook ingest) {
    this.handshake = handshake;
    this.ingest = ingest;
  }

  /** Stops ingest's worker threads when the local runtime closes this execution environment. */
  @Override
  public void close() throws Exception {
    if (ingest instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  protected HttpApiResponse handle(HttpApiRequest request) {
    return switch (request.method()) {
      case "GET" -> verify(request);
      case "POST" -> deliver(request);
      default -> HttpApiResponse.error(405, "method not allowed on this route");
    };
  }

  private HttpApiResponse verify(HttpApiRequest request) {
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

  private HttpApiResponse deliver(HttpApiRequest request) {
    IngestOutcome outcome;
    try {
      outcome =
          ingest.ingest(
              new WebhookDelivery(
                  request.body(),
                  request.header("x-hub-signature-256"),
                  request.header("content-type")));
    } catch (StoreUnavailableException e) {
      LOG.error("webhook.store_unavailable")
          .field("request_id", request.requestId())
          .error(e)
          .write();
      return HttpApiResponse.storeUnavailable();
    }
    if (outcome instanceof IngestOutcome.Stored stored) {
      return HttpApiResponse.json(
          200,
          "{\"status\":\"stored\",\"new\":"
              + stored.stored()
              + ",\"duplicates\":"
              + stored.duplicates()
              + "}");
    }
    IngestOutcome.Refused refused = (IngestOutcome.Refused) outcome;
    return HttpApiResponse.error(httpStatus(refused.why()), refused.reason());
  }

  /** The HTTP answer to each reason ingest refuses a delivery for. */
  static int httpStatus(IngestOutcome.Why why) {
    return switch (why) {
      case BODY_TOO_LARGE -> 413;
      case NOT_JSON -> 415;
      case SIGNATURE_MISSING -> 401;
      case SIGNATURE_INVALID -> 403;
      case MALFORMED, UNSTORABLE -> 400;
    };
  }
}
