package dev.frontdoor.adapter.out.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.analytics.events.IntegrationEvent;
import dev.frontdoor.common.StoreUnavailableException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/** PutEvents on the wire against a test server speaking EventBridge's JSON 1.1 protocol. */
class EventBridgePublisherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final SdkHttpClient http = AwsClients.lambdaHttpClient();
  private HttpServer server;

  record Seen(Map<String, List<String>> headers, JsonNode body) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    http.close();
  }

  @Test
  void putsSignedEntries_tenPerRequest_andNamesTheRefused() throws Exception {
    EventBridgePublisher publisher =
        start(
            body -> {
              int n = body.path("Entries").size();
              StringBuilder entries = new StringBuilder();
              int failed = 0;
              for (int i = 0; i < n; i++) {
                String detail = body.path("Entries").path(i).path("Detail").asText();
                boolean refuse = detail.contains("evt_refused");
                failed += refuse ? 1 : 0;
                entries
                    .append(i == 0 ? "" : ",")
                    .append(
                        refuse
                            ? "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"x\"}"
                            : "{\"EventId\":\"e" + i + "\"}");
              }
              return new Object[] {
                200, "{\"FailedEntryCount\":" + failed + ",\"Entries\":[" + entries + "]}"
              };
            });
    List<IntegrationEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(event(i == 11 ? "evt_refused" : "evt_" + i));
    }

    Set<String> refused = publisher.publish(events);

    assertThat(refused).containsExactly("evt_refused");
    assertThat(seen).hasSize(2);
    Seen first = seen.get(0);
    assertThat(first.headers().get("X-amz-target")).containsExactly("AWSEvents.PutEvents");
    assertThat(first.headers().get("Content-type")).containsExactly("application/x-amz-json-1.1");
    assertThat(first.headers().get("Authorization").get(0))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/af-south-1/events/aws4_request");
    assertThat(first.body().path("Entries")).hasSize(10);
    JsonNode entry = first.body().path("Entries").path(0);
    assertThat(entry.path("EventBusName").asText()).isEqualTo("frontdoor-events");
    assertThat(entry.path("Source").asText()).isEqualTo("frontdoor");
    assertThat(entry.path("DetailType").asText()).isEqualTo("message.received");
    assertThat(JSON.readTree(entry.path("Detail").asText()).path("id").asText()).isEqualTo("evt_0");
    assertThat(seen.get(1).body().path("Entries")).hasSize(2);
  }

  @Test
  void throttledOrDown_isUnavailable_soTheBatchIsRetried() throws Exception {
    EventBridgePublisher publisher =
        start(body -> new Object[] {503, "{\"__type\":\"ServiceUnavailable\"}"});

    assertThatThrownBy(() -> publisher.publish(List.of(event("evt_1"))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("503");
  }

  private static IntegrationEvent event(String id) {
    return new IntegrationEvent(id, "message.received", 1749416383000L, Map.of("wamid", "w"));
  }

  private EventBridgePublisher start(Function<JsonNode, Object[]> answer) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
          seen.add(new Seen(Map.copyOf(exchange.getRequestHeaders()), body));
          Object[] reply = answer.apply(body);
          byte[] bytes = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders((Integer) reply[0], bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return new EventBridgePublisher(
        http,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
        Region.AF_SOUTH_1,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        "frontdoor-events");
  }
}
