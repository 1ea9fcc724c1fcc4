package dev.frontdoor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.IngestOutcome;
import dev.frontdoor.inbound.SubscriptionHandshake;
import dev.frontdoor.inbound.WebhookDelivery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the handler hands a POST to ingest: raw bytes (base64 decoded), headers in any case. */
class WhatsAppWebhookDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<WebhookDelivery> received = new ArrayList<>();

  @Test
  void post_base64EncodedBody_reachesIngestAsTheOriginalBytes() throws IOException {
    // GIVEN a body with bytes that are not ASCII, base64-encoded by API Gateway
    byte[] original =
        "{\"text\":\"Molo, ndiyabulela \uD83D\uDE4F\"}".getBytes(StandardCharsets.UTF_8);
    ObjectNode event = post(Base64.getEncoder().encodeToString(original), true);
    ((ObjectNode) event.get("headers")).put("X-Hub-Signature-256", "sha256=abc");
    ((ObjectNode) event.get("headers")).put("Content-Type", "application/json");
    // WHEN
    JsonNode response = invoke(handler(new IngestOutcome.Stored(1, 0)), event);
    // THEN the exact bytes and the headers (named in any case) reach the use case
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(received)
        .singleElement()
        .satisfies(
            delivery -> {
              assertThat(delivery.body()).isEqualTo(original);
              assertThat(delivery.signature()).isEqualTo("sha256=abc");
              assertThat(delivery.contentType()).isEqualTo("application/json");
            });
  }

  @Test
  void post_refusedByIngest_answersItsStatusAndReason() throws IOException {
    JsonNode response =
        invoke(
            handler(
                new IngestOutcome.Refused(
                    IngestOutcome.Why.SIGNATURE_INVALID, "signature does not match")),
            post("{}", false));
    assertThat(response.get("statusCode").asInt()).isEqualTo(403);
    assertThat(response.get("body").asText()).contains("signature does not match");
  }

  @Test
  void post_refusedByIngest_eachReasonAnswersTheStatusMetaExpects() throws IOException {
    Map<IngestOutcome.Why, Integer> expected =
        Map.of(
            IngestOutcome.Why.BODY_TOO_LARGE, 413,
            IngestOutcome.Why.NOT_JSON, 415,
            IngestOutcome.Why.SIGNATURE_MISSING, 401,
            IngestOutcome.Why.SIGNATURE_INVALID, 403,
            IngestOutcome.Why.MALFORMED, 400,
            IngestOutcome.Why.UNSTORABLE, 400);
    assertThat(expected).containsOnlyKeys(IngestOutcome.Why.values());
    for (Map.Entry<IngestOutcome.Why, Integer> entry : expected.entrySet()) {
      JsonNode response =
          invoke(handler(new IngestOutcome.Refused(entry.getKey(), "why")), post("{}", false));
      assertThat(response.get("statusCode").asInt())
          .as("%s", entry.getKey())
          .isEqualTo(entry.getValue());
    }
  }

  @Test
  void post_storeUnavailable_is503SoMetaRetries() throws IOException {
    WhatsAppWebhookHandler failing =
        new WhatsAppWebhookHandler(
            new SubscriptionHandshake(Secret.of("verify-token-for-tests")),
            delivery -> {
              throw new StoreUnavailableException("table down", null);
            });
    JsonNode response = invoke(failing, post("{}", false));
    assertThat(response.get("statusCode").asInt()).isEqualTo(503);
    assertThat(response.get("headers").get("retry-after").asText()).isEqualTo("5");
  }

  @Test
  void post_invalidBase64_is400NotACrash() throws IOException {
    JsonNode response =
        invoke(handler(new IngestOutcome.Stored(0, 0)), post("%%%not base64", true));
    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(received).isEmpty();
  }

  private WhatsAppWebhookHandler handler(IngestOutcome outcome) {
    return new WhatsAppWebhookHandler(
        new SubscriptionHandshake(Secret.of("verify-token-for-tests")),
        delivery -> {
          received.add(delivery);
          return outcome;
        });
  }

  private static ObjectNode post(String body, boolean base64) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "POST /webhooks/whatsapp");
    event.put("rawPath", "/webhooks/whatsapp");
    event.putObject("headers");
    event
        .putObject("requestContext")
        .putObject("http")
        .put("method", "POST")
        .put("path", "/webhooks/whatsapp");
    event.put("body", body);
    event.put("isBase64Encoded", base64);
    return event;
  }

  private static JsonNode invoke(WhatsAppWebhookHandler handler, ObjectNode event)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
    return JSON.readTree(out.toByteArray());
  }
}
