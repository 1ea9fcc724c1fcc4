package dev.frontdoor.gateway;

import static dev.frontdoor.gateway.SendRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The /v1 API through its Lambda function URL (template {@code FunctionUrlConfig}, output {@code
 * ApiFunctionUrl}): the local runtime serves each function URL on a port of its own and hands every
 * request to the function as route {@code $default} with the raw path, as Lambda does; the handler
 * routes it by path. A message sent this way is queued and sent like one sent through the HTTP API.
 */
class ApiFunctionUrlIT extends InboundScenario {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aMessageSentThroughTheFunctionUrl_isQueuedThenSent_andReadableBothWays() throws Exception {
    // GIVEN a customer who wrote a minute ago, and the API function's URL
    String waId = "27830000101";
    gateway.deliver(Webhooks.text("wamid.url-1", waId, NOW_S, "hello"));
    URI url = gateway.gateway.functionUrl("ApiFunction").orElseThrow();
    assertThat(url.toString()).endsWith("/").isNotEqualTo(gateway.gateway.baseUri() + "/");

    // WHEN a reply is sent through the function URL
    HttpResponse<String> sent =
        call(url, "POST", "v1/messages", text("+27 83 000 0101", "Sent past the HTTP API"));

    // THEN 202 queued, and the sender sends it to the (sandbox) Graph API with its id
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    JsonNode answer = InboundGateway.JSON.readTree(sent.body());
    String id = answer.get("id").asText();
    assertThat(answer.get("status").asText()).isEqualTo("queued");
    gateway.awaitSentToGraph(id);

    // AND, once the sandbox's status webhooks are in, the message reads the same through the
    // URL's path routing and through the HTTP API's route
    gateway.awaitMessage(id, view -> "read".equals(view.path("status").asText()));
    HttpResponse<String> viaUrl = call(url, "GET", "v1/messages/" + id, null);
    assertThat(viaUrl.statusCode()).as(viaUrl.body()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(viaUrl.body()).get("status_history").has("queued"))
        .isTrue();
    assertThat(InboundGateway.JSON.readTree(viaUrl.body()).path("message_id").asText())
        .isEqualTo(id);
    assertThat(
            InboundGateway.JSON
                .readTree(gateway.api("GET", "/v1/messages/" + id, null, Map.of()).body())
                .path("message_id")
                .asText())
        .isEqualTo(id);

    // AND the thread, its number percent-encoded in the path, holds it
    HttpResponse<String> thread = call(url, "GET", "v1/threads/%2B27830000101?limit=10", null);
    assertThat(thread.statusCode()).as(thread.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    InboundGateway.JSON
        .readTree(thread.body())
        .get("items")
        .forEach(item -> ids.add(item.path("message_id").asText()));
    assertThat(ids).contains(id);
    assertThat(InboundGateway.JSON.readTree(thread.body()).get("items"))
        .isEqualTo(gateway.thread(waId, "limit=10").get("items"));
  }

  @Test
  void theFunctionUrl_answersUnknownPaths404_otherMethods405_andChecksTheToken() throws Exception {
    URI url = gateway.gateway.functionUrl("ApiFunction").orElseThrow();

    HttpResponse<String> unknown = call(url, "GET", "v1/nothing/here", null);
    HttpResponse<String> wrongMethod = call(url, "DELETE", "v1/messages", null);
    HttpResponse<String> noToken =
        HTTP.send(
            HttpRequest.newBuilder(url.resolve("v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(text("27830000102", "x")))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // (Java's HTTP client refuses to send %ZZ itself; an escape that is not UTF-8 is also refused)
    HttpResponse<String> badEscape = call(url, "GET", "v1/threads/%C3%28", null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(InboundGateway.JSON.readTree(unknown.body()).at("/error/status").asInt())
        .isEqualTo(404);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(badEscape.statusCode()).isEqualTo(400);
  }

  @Test
  void theWebhookFunctionUrls_areServedLocallyToo() throws Exception {
    // Meta's callback on the WhatsApp function's URL: the output plus webhooks/whatsapp
    URI url = gateway.gateway.functionUrl("WhatsAppWebhookFunction").orElseThrow();
    byte[] body = Webhooks.text("wamid.url-3", "27830000103", NOW_S, "via the URL");

    HttpResponse<String> stored =
        HTTP.send(
            HttpRequest.newBuilder(url.resolve("webhooks/whatsapp"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", InboundGateway.sign(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(stored.body()).contains("\"new\":1");
    assertThat(gateway.gateway.functionUrl("VoiceWebhookFunction")).isPresent();
    assertThat(gateway.gateway.functionUrl("SenderFunction")).isEmpty();
  }

  private static HttpResponse<String> call(URI url, String method, String path, String body) {
    return gateway.api(url, method, path, body, Map.of());
  }
}
