package dev.frontdoor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.voice.CallIngestOutcome;
import dev.frontdoor.voice.CallWebhook;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The voice handler routes by the HTTP API's route key, or by path behind a function URL. */
class VoiceWebhookHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<CallWebhook> received = new ArrayList<>();
  private final VoiceWebhookHandler handler =
      new VoiceWebhookHandler(
          webhook -> {
            received.add(webhook);
            return new CallIngestOutcome.Stored(true, "01JX8P1Z206H2J4K8M0N3P5Q7R");
          },
          null);

  @Test
  void httpApiRoute_andFunctionUrlPath_reachTheSameProvider() throws IOException {
    JsonNode viaApi = invoke(event("POST /webhooks/voice/twilio", "/webhooks/voice/twilio", ""));
    JsonNode viaUrl = invoke(event("$default", "/webhooks/voice/twilio", "a=1"));

    assertThat(viaApi.get("statusCode").asInt()).isEqualTo(200);
    assertThat(viaUrl.get("statusCode").asInt()).isEqualTo(200);
    assertThat(received).extracting(CallWebhook::provider).containsOnly(CallProvider.TWILIO);
    // Twilio signs the URL it called: rebuilt from the event, query as received
    assertThat(received.get(1).url())
        .isEqualTo("https://abc.lambda-url.af-south-1.on.aws/webhooks/voice/twilio?a=1");
  }

  @Test
  void refusals_mapToTheirStatuses_unknownPath404() throws IOException {
    assertThat(invoke(event("$default", "/webhooks/voice/other", "")).get("statusCode").asInt())
        .isEqualTo(404);
    assertThat(VoiceWebhookHandler.httpStatus(CallIngestOutcome.Why.SIGNATURE_MISSING))
        .isEqualTo(401);
    assertThat(VoiceWebhookHandler.httpStatus(CallIngestOutcome.Why.SIGNATURE_STALE))
        .isEqualTo(403);
    assertThat(VoiceWebhookHandler.httpStatus(CallIngestOutcome.Why.MALFORMED)).isEqualTo(400);
    assertThat(received).isEmpty();
  }

  private static String event(String routeKey, String path, String query) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", path);
    event.put("rawQueryString", query);
    event.putObject("headers").put("content-type", "application/x-www-form-urlencoded");
    ObjectNode context = event.putObject("requestContext");
    context.put("domainName", "abc.lambda-url.af-south-1.on.aws");
    context.put("requestId", "req-1");
    context.putObject("http").put("method", "POST").put("path", path);
    event.put("body", "CallSid=CA1");
    event.put("isBase64Encoded", false);
    return event.toString();
  }

  private JsonNode invoke(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }
}
