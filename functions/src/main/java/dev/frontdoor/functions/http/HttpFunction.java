package dev.frontdoor.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The shell every HTTP handler shares: decode the payload 2.0 event, hand it to {@link #handle},
 * encode the answer. An event that cannot be decoded is a 400; an unexpected failure is logged and
 * answered 500 (the one answer that makes a webhook caller retry), never a crash.
 */
public abstract class HttpFunction implements RequestStreamHandler {
  private static final Log LOG = Log.of(HttpFunction.class);

  protected abstract HttpApiResponse handle(HttpApiRequest request);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    HttpApiCodec.write(respond(input), output);
  }

  private HttpApiResponse respond(InputStream input) {
    HttpApiRequest request;
    try {
      request = HttpApiCodec.read(input);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("http.event.unreadable").error(e).write();
      return HttpApiResponse.error(400, "the request could not be read");
    }
    try {
      return handle(request);
    } catch (RuntimeException e) {
      LOG.error("http.request.failed")
          .field("route", request.routeKey())
          .field("request_id", request.requestId())
          .error(e)
          .write();
      return HttpApiResponse.error(500, "internal error; the request can be retried");
    }
  }
}
