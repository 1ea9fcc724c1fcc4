package dev.frontdoor.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.logging.Log;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.voice.CallIngestOutcome;
import dev.frontdoor.voice.CallWebhook;
import dev.frontdoor.voice.port.in.IngestCallEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Amazon Connect contact events from an EventBridge rule (IAM, so no signature): the event as
 * delivered is the body. A refused event is logged and dropped from retries (retrying cannot fix
 * it); a store that cannot answer throws, so EventBridge's retry policy delivers it again.
 */
public final class ConnectEventHandler implements RequestStreamHandler {
  private static final Log LOG = Log.of(ConnectEventHandler.class);
  private final IngestCallEvent ingest;

  public ConnectEventHandler() {
    this(Environment.system());
  }

  public ConnectEventHandler(Environment env) {
    this(new Composition(env).ingestCallEvent());
  }

  public ConnectEventHandler(IngestCallEvent ingest) {
    this.ingest = ingest;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    CallIngestOutcome outcome =
        ingest.ingest(new CallWebhook(CallProvider.CONNECT, input.readAllBytes(), Map.of(), null));
    String answer;
    if (outcome instanceof CallIngestOutcome.Refused refused) {
      LOG.warn("connect.event.refused")
          .field("why", refused.why().name())
          .field("reason", refused.reason())
          .write();
      answer = "{\"status\":\"refused\",\"why\":\"" + refused.why().name() + "\"}";
    } else if (outcome instanceof CallIngestOutcome.Stored stored) {
      answer = "{\"status\":\"stored\",\"call_id\":\"" + stored.callId() + "\"}";
    } else {
      answer = "{\"status\":\"kept\"}";
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }
}
