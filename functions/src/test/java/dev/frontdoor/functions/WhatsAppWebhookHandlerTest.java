package dev.frontdoor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.SubscriptionHandshake;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WhatsAppWebhookHandler handler =
      new WhatsAppWebhookHandler(
          new SubscriptionHandshake(Secret.of("verify-token-for-tests")),
          delivery -> {
            throw new AssertionError("the handshake never ingests");
          });

  @Test
  void handleRequest_metaHandshakeEvent_echoesChallengeAsPlainText() throws IOException {
    // GIVEN the payload 2.0 event API Gateway builds for Meta's verification request
    ObjectNode event = fixture();
    // WHEN
    JsonNode response = invoke(event.toString());
    // THEN
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("body").asText()).isEqualTo("1158201444");
    assertThat(response.get("headers").get("content-type").asText()).startsWith("text/plain");
    assertThat(response.get("headers").get("x-content-type-options").asText()).isEqualTo("nosniff");
  }

  @Test
  void handleRequest_wrongVerifyToken_is403WithReason() throws IOException {
    ObjectNode event = fixture();
    ((ObjectNode) event.get("queryStringParameters")).put("hub.verify_token", "guess");
    JsonNode response = invoke(event.toString());
    assertThat(response.get("statusCode").asInt()).isEqualTo(403);
    assertThat(response.get("body").asText()).contains("hub.verify_token does not match");
  }

  @Test
  void handleRequest_noChallenge_is400() throws IOException {
    ObjectNode event = fixture();
    ((ObjectNode) event.get("queryStringParameters")).remove("hub.challenge");
    assertThat(invoke(event.toString()).get("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void handleRequest_noQueryAtAll_is400NotACrash() throws IOException {
    ObjectNode event = fixture();
    event.remove("queryStringParameters");
    assertThat(invoke(event.toString()).get("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void handleRequest_unreadableEvent_is400() throws IOException {
    assertThat(invoke("{not json").get("statusCode").asInt()).isEqualTo(400);
    assertThat(invoke("[]").get("statusCode").asInt()).isEqualTo(400);
    assertThat(invoke("{\"version\":\"2.0\"}").get("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void handleRequest_otherMethod_is405() throws IOException {
    ObjectNode event = fixture();
    ((ObjectNode) event.at("/requestContext/http")).put("method", "DELETE");
    assertThat(invoke(event.toString()).get("statusCode").asInt()).isEqualTo(405);
  }

  @Test
  void constructor_withoutVerifyToken_failsNamingTheVariable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new WhatsAppWebhookHandler(Environment.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("META_VERIFY_TOKEN");
  }

  private JsonNode invoke(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }

  private static ObjectNode fixture() throws IOException {
    try (InputStream in =
        WhatsAppWebhookHandlerTest.class.getResourceAsStream("/events/http-api-handshake.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }
}
