package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.infra.sandbox.AcceptedMessage;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of message the send API takes reaches the Graph API as a body that validates against
 * Meta's request schema ({@code POST /{Version}/{Phone-Number-ID}/messages} in the v23.0 OpenAPI
 * spec): the sandbox refuses anything else with code 100, which would leave the message failed.
 */
class OutboundWireFormatIT {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;

  @TempDir static Path dataDir;
  private static InboundGateway gateway;
  private static SandboxGraphApi graph;

  @BeforeAll
  static void start() throws Exception {
    gateway = new InboundGateway(dataDir);
    graph = gateway.gateway.sandbox().orElseThrow();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void everyKindOfMessage_isSentAsABodyMetasSchemaAccepts() throws Exception {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("text", "{\"body\":\"Your order has shipped\",\"preview_url\":false}");
    kinds.put("image", "{\"id\":\"1479537139650973\",\"caption\":\"Your invoice\"}");
    kinds.put(
        "document", "{\"link\":\"https://example.com/invoice.pdf\",\"filename\":\"invoice.pdf\"}");
    kinds.put("audio", "{\"id\":\"1479537139650974\"}");
    kinds.put("video", "{\"link\":\"https://example.com/how-to.mp4\"}");
    kinds.put("sticker", "{\"id\":\"1479537139650975\"}");
    kinds.put(
        "location", "{\"latitude\":-33.9249,\"longitude\":18.4241,\"name\":\"Cape Town office\"}");
    kinds.put(
        "reaction",
        "{\"message_id\":\"wamid.HBgLMjc4MjEyMzQ1NjcVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=\",\"emoji\":\"\\ud83d\\udc4d\"}");
    kinds.put(
        "interactive",
        "{\"type\":\"button\",\"body\":{\"text\":\"Did this solve it?\"},\"action\":{\"buttons\":["
            + "{\"type\":\"reply\",\"reply\":{\"id\":\"yes\",\"title\":\"Yes\"}},"
            + "{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":\"No\"}}]}}");
    kinds.put(
        "contacts",
        "[{\"name\":{\"formatted_name\":\"Support desk\",\"first_name\":\"Support\"},"
            + "\"phones\":[{\"phone\":\"+27105550100\",\"type\":\"WORK\"}]}]");
    kinds.put(
        "template",
        "{\"name\":\"order_update\",\"language\":{\"code\":\"en\"},\"components\":[{\"type\":\"body\","
            + "\"parameters\":[{\"type\":\"text\",\"text\":\"48213\"}]}]}");
    int customer = 0;
    for (Map.Entry<String, String> kind : kinds.entrySet()) {
      String waId = String.format("2785%07d", 1_000_000 + customer++);
      gateway.deliver(Webhooks.text("wamid.kind-" + kind.getKey(), waId, NOW_S, "hello"));
      String body =
          "{\"to\":\""
              + waId
              + "\",\"business_number_id\":\""
              + Webhooks.PHONE_NUMBER_ID
              + "\",\"type\":\""
              + kind.getKey()
              + "\",\""
              + kind.getKey()
              + "\":"
              + kind.getValue()
              + "}";
      var response = gateway.api("POST", "/v1/messages", body, Map.of());
      assertThat(response.statusCode()).as(kind.getKey() + ": " + response.body()).isEqualTo(202);
      String id = InboundGateway.JSON.readTree(response.body()).get("id").asText();
      JsonNode view =
          gateway.awaitMessage(
              id, v -> v.has("wamid") || v.path("status").asText().equals("failed"));
      assertThat(view.path("status").asText())
          .as(kind.getKey() + ": " + view)
          .isNotEqualTo("failed");
    }
    List<AcceptedMessage> accepted = graph.accepted();
    assertThat(accepted)
        .extracting(AcceptedMessage::type)
        .containsExactlyInAnyOrderElementsOf(kinds.keySet());
    System.out.printf(
        "FIGURE outbound wire format: %d kinds sent, all accepted by Meta's request schema%n",
        accepted.size());
  }
}
