package dev.frontdoor.functions;

import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.functions.http.HttpApiRequest;
import dev.frontdoor.functions.http.HttpApiResponse;
import dev.frontdoor.functions.http.HttpFunction;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.voice.CallIngestOutcome;
import dev.frontdoor.voice.CallWebhook;
import dev.frontdoor.voice.port.in.IngestCallEvent;

/**
 * {@code POST /webhooks/voice/{twilio,vonage,generic}}: a telephony provider's call event, checked
 * with that provider's signature scheme on the raw bytes, then stored in the customer's thread.
 */
public final class VoiceWebhookHandler extends HttpFunction {
  private final IngestCallEvent ingest;
  private final String publicBaseUrl;

  public VoiceWebhookHandler() {
    this(Environment.system());
  }

  public VoiceWebhookHandler(Environment env) {
    this(new Composition(env));
  }

  private VoiceWebhookHandler(Composition root) {
    this(root.ingestCallEvent(), root.config().publicBaseUrl().map(Object::toString).orElse(null));
  }

  /** {@code publicBaseUrl}: the https origin providers call on a custom domain, else null. */
  public VoiceWebhookHandler(IngestCallEvent ingest, String publicBaseUrl) {
    this.ingest = ingest;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  protected HttpApiResponse handle(HttpApiRequest request) {
    // The HTTP API names the route; a function URL (route key $default) only has the path.
    String route =
        "$default".equals(request.routeKey())
            ? request.method() + " " + request.rawPath()
            : String.valueOf(request.routeKey());
    CallProvider provider =
        switch (route) {
          case "POST /webhooks/voice/twilio" -> CallProvider.TWILIO;
          case "POST /webhooks/voice/vonage" -> CallProvider.VONAGE;
          case "POST /webhooks/voice/generic" -> CallProvider.GENERIC;
          default -> null;
        };
    if (provider == null) {
      return HttpApiResponse.error(404, "no such route");
    }
    CallIngestOutcome outcome;
    try {
      outcome =
          ingest.ingest(
              new CallWebhook(
                  provider, request.body(), request.headers(), request.publicUrl(publicBaseUrl)));
    } catch (StoreUnavailableException e) {
      return HttpApiResponse.storeUnavailable();
    }
    if (outcome instanceof CallIngestOutcome.Stored stored) {
      return HttpApiResponse.json(
          200,
          "{\"status\":\"stored\",\"call_id\":\""
              + stored.callId()
              + "\",\"new\":"
              + stored.isNew()
              + "}");
    }
    if (outcome instanceof CallIngestOutcome.Kept kept) {
      return HttpApiResponse.json(200, "{\"status\":\"kept\"}");
    }
    CallIngestOutcome.Refused refused = (CallIngestOutcome.Refused) outcome;
    return HttpApiResponse.error(httpStatus(refused.why()), refused.reason());
  }

  /** The HTTP answer to each reason a call event is refused for. */
  static int httpStatus(CallIngestOutcome.Why why) {
    return switch (why) {
      case NOT_CONFIGURED -> 404;
      case BODY_TOO_LARGE -> 413;
      case SIGNATURE_MISSING -> 401;
      case SIGNATURE_INVALID, SIGNATURE_STALE -> 403;
      case MALFORMED -> 400;
    };
  }
}
