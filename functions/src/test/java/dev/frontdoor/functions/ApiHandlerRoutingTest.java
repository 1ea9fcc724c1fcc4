package dev.frontdoor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.config.Secret;
import dev.frontdoor.functions.http.BearerAuth;
import dev.frontdoor.lifecycle.ErasureOutcome;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.threads.MessageAnswer;
import dev.frontdoor.threads.ThreadAnswer;
import dev.frontdoor.voice.WrapUpOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The /v1 API answers the same through the HTTP API (route key, decoded path parameters) and
 * through its function URL (route key {@code $default}, the raw path only): every route, its
 * parameters decoded as the HTTP API decodes them, 404 for an unknown path, 405 for a known path's
 * other method, 400 for broken percent-encoding, and the bearer check first either way.
 */
class ApiHandlerRoutingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "test-token-0123456789abcdef";

  /** What reached which use case, as "USE_CASE value...". */
  private final List<String> calls = new ArrayList<>();

  private final ApiHandler handler =
      new ApiHandler(
          new BearerAuth(List.of(Secret.of(TOKEN))),
          request -> {
            calls.add("READ_THREAD " + request.phone() + " limit=" + request.limit());
            return ThreadAnswer.refused("limit: recorded");
          },
          command -> {
            calls.add(
                "SEND_MESSAGE "
                    + new String(command.body(), StandardCharsets.UTF_8)
                    + " key="
                    + command.idempotencyKey().orElse("-"));
            return SendOutcome.refused(SendOutcome.Reason.INVALID_REQUEST, "to: recorded");
          },
          id -> {
            calls.add("READ_MESSAGE " + id);
            return MessageAnswer.none(MessageAnswer.Reason.NOT_FOUND);
          },
          command -> {
            calls.add("FILE_WRAP_UP " + command.callRef());
            return new WrapUpOutcome(WrapUpOutcome.Reason.CALL_NOT_FOUND, "recorded", null, null);
          },
          command -> {
            calls.add("APPROVE_SUMMARY " + command.callRef());
            return new WrapUpOutcome(WrapUpOutcome.Reason.NO_DRAFT, "recorded", null, null);
          },
          command -> {
            calls.add("ERASE_CUSTOMER " + command.customer());
            return new ErasureOutcome(ErasureOutcome.Reason.INVALID, "recorded", Optional.empty());
          });

  @Test
  void everyRoute_isReachedByPath_withTheParametersTheHttpApiWouldSend() throws IOException {
    assertSameThroughBoth(
        "GET", "/v1/threads/%2B27821234567", "limit=5", Map.of("phone", "+27821234567"), "");
    assertSameThroughBoth("POST", "/v1/messages", "", Map.of(), "{\"to\":\"x\"}");
    assertSameThroughBoth(
        "GET",
        "/v1/messages/01JX8P1Z206H2J4K8M0N3P5Q7R",
        "",
        Map.of("id", "01JX8P1Z206H2J4K8M0N3P5Q7R"),
        "");
    assertSameThroughBoth(
        "POST", "/v1/calls/twilio%3ACA42/wrap-up", "", Map.of("callId", "twilio:CA42"), "{}");
    assertSameThroughBoth(
        "POST", "/v1/calls/twilio%3ACA42/summary", "", Map.of("callId", "twilio:CA42"), "{}");
    assertSameThroughBoth(
        "DELETE", "/v1/customers/%2B27821234567", "", Map.of("phone", "+27821234567"), "");

    assertThat(calls)
        .containsExactly(
            "READ_THREAD +27821234567 limit=5",
            "READ_THREAD +27821234567 limit=5",
            "SEND_MESSAGE {\"to\":\"x\"} key=k-1",
            "SEND_MESSAGE {\"to\":\"x\"} key=k-1",
            "READ_MESSAGE 01JX8P1Z206H2J4K8M0N3P5Q7R",
            "READ_MESSAGE 01JX8P1Z206H2J4K8M0N3P5Q7R",
            "FILE_WRAP_UP twilio:CA42",
            "FILE_WRAP_UP twilio:CA42",
            "APPROVE_SUMMARY twilio:CA42",
            "APPROVE_SUMMARY twilio:CA42",
            "ERASE_CUSTOMER +27821234567",
            "ERASE_CUSTOMER +27821234567");
  }

  @Test
  void everyRouteOfTheTable_isReachableByPath() throws IOException {
    for (ApiRoute route : ApiRoute.values()) {
      String path = route.http().pathTemplate().replaceAll("\\{[^}]+}", "p1");
      calls.clear();

      JsonNode answer = invoke(urlEvent(route.http().method(), path, "", "{}", TOKEN));

      assertThat(calls).as(route.name()).hasSize(1);
      assertThat(calls.get(0)).as(route.name()).startsWith(route.name() + " ");
      assertThat(answer.get("statusCode").asInt()).as(route.name()).isBetween(400, 499);
    }
  }

  @Test
  void aLiteralPlus_staysAPlus_andSpacesDecode() throws IOException {
    invoke(urlEvent("GET", "/v1/threads/+27821234567", "", "", TOKEN));
    invoke(urlEvent("GET", "/v1/threads/082%20123%204567", "", "", TOKEN));
    invoke(urlEvent("DELETE", "/v1/customers/ZA.1234567890", "", "", TOKEN));
    // One trailing slash is tolerated, as the local runtime's route matching tolerates it.
    invoke(urlEvent("GET", "/v1/messages/01JX8P1Z206H2J4K8M0N3P5Q7R/", "", "", TOKEN));

    assertThat(calls)
        .containsExactly(
            "READ_THREAD +27821234567 limit=null",
            "READ_THREAD 082 123 4567 limit=null",
            "ERASE_CUSTOMER ZA.1234567890",
            "READ_MESSAGE 01JX8P1Z206H2J4K8M0N3P5Q7R");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/v1",
        "/v1/",
        "/v1/threads",
        "/v1/threads/",
        "/v1/threads//",
        "/v1/threads/a/b",
        "/v1/messages/a/b",
        "/v1/calls/x/other",
        "/v1/calls//wrap-up",
        "/v2/messages",
        "/V1/messages",
        "//v1/messages",
        "/webhooks/whatsapp",
        "v1/messages"
      })
  void anUnknownPath_is404_inTheErrorShape(String path) throws IOException {
    JsonNode answer = invoke(urlEvent("GET", path, "", "", TOKEN));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(404);
    JsonNode body = JSON.readTree(answer.get("body").asText());
    assertThat(body.path("error").path("status").asInt()).isEqualTo(404);
    assertThat(body.path("error").path("message").asText()).isEqualTo("no such route");
    assertThat(calls).isEmpty();
  }

  @Test
  void aKnownPathsOtherMethod_is405_namingTheAllowedOne() throws IOException {
    JsonNode deleteMessages = invoke(urlEvent("DELETE", "/v1/messages", "", "", TOKEN));
    JsonNode putThread = invoke(urlEvent("PUT", "/v1/threads/%2B27821234567", "", "", TOKEN));
    JsonNode getWrapUp = invoke(urlEvent("GET", "/v1/calls/c1/wrap-up", "", "", TOKEN));
    JsonNode postCustomer = invoke(urlEvent("POST", "/v1/customers/x", "", "{}", TOKEN));

    for (JsonNode answer : List.of(deleteMessages, putThread, getWrapUp, postCustomer)) {
      assertThat(answer.get("statusCode").asInt()).isEqualTo(405);
      JsonNode body = JSON.readTree(answer.get("body").asText());
      assertThat(body.path("error").path("status").asInt()).isEqualTo(405);
    }
    assertThat(deleteMessages.path("headers").path("allow").asText()).isEqualTo("POST");
    assertThat(putThread.path("headers").path("allow").asText()).isEqualTo("GET");
    assertThat(getWrapUp.path("headers").path("allow").asText()).isEqualTo("POST");
    assertThat(postCustomer.path("headers").path("allow").asText()).isEqualTo("DELETE");
    assertThat(calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/threads/%ZZ27821234567",
        "/v1/threads/%2",
        "/v1/threads/27%",
        "/v1/customers/%C3%28",
        "/v1/calls/%FF/wrap-up"
      })
  void brokenPercentEncoding_is400_never5xx(String path) throws IOException {
    String method = path.contains("/calls/") ? "POST" : "GET";
    method = path.contains("/customers/") ? "DELETE" : method;

    JsonNode answer = invoke(urlEvent(method, path, "", "", TOKEN));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(400);
    assertThat(JSON.readTree(answer.get("body").asText()).path("error").path("message").asText())
        .startsWith("path: ");
    assertThat(calls).isEmpty();
  }

  @Test
  void theBearerCheck_comesFirst_behindTheFunctionUrlToo() throws IOException {
    JsonNode missing = invoke(urlEvent("POST", "/v1/messages", "", "{}", null));
    JsonNode wrong = invoke(urlEvent("POST", "/v1/messages", "", "{}", "wrong-token-0123456789"));
    JsonNode unknownPathNoToken = invoke(urlEvent("GET", "/v1/secret", "", "", null));

    assertThat(missing.get("statusCode").asInt()).isEqualTo(401);
    assertThat(missing.path("headers").path("www-authenticate").asText()).isEqualTo("Bearer");
    assertThat(wrong.get("statusCode").asInt()).isEqualTo(403);
    // Without a token nothing about the routes is told.
    assertThat(unknownPathNoToken.get("statusCode").asInt()).isEqualTo(401);
    assertThat(calls).isEmpty();
  }

  @Test
  void anHttpApiRouteKeyNotInTheTable_is404() throws IOException {
    ObjectNode event = urlEvent("GET", "/v1/other", "", "", TOKEN);
    event.put("routeKey", "GET /v1/other");

    assertThat(invoke(event).get("statusCode").asInt()).isEqualTo(404);
    assertThat(calls).isEmpty();
  }

  @Test
  void oddPaths_neverAnswer5xx() throws IOException {
    List<String> paths =
        Arrays.asList(
            "",
            "%",
            "/%",
            "/v1/threads/%00",
            "/v1/threads/%2F",
            "/v1/messages/%F0%9F%98%80",
            "/v1/threads/\u00e9",
            "/v1/threads/" + "9".repeat(5000),
            "/v1/calls/%25/summary");
    for (String path : paths) {
      for (String method : List.of("GET", "POST", "DELETE", "PATCH", "OPTIONS")) {
        JsonNode answer = invoke(urlEvent(method, path, "", "", TOKEN));
        assertThat(answer.get("statusCode").asInt()).as(method + " " + path).isLessThan(500);
      }
    }
  }

  @Test
  void aParameterHoldingABarePercent_reachesItsUseCase_asTheHttpApiDeliversIt() throws IOException {
    // The HTTP API decodes %25 to a bare %; decoding that again once threw (a 500).
    assertSameThroughBoth("POST", "/v1/calls/%25/summary", "", Map.of("callId", "%"), "{}");
    assertSameThroughBoth("GET", "/v1/threads/27%2582", "", Map.of("phone", "27%82"), "");

    assertThat(calls)
        .containsExactly(
            "APPROVE_SUMMARY %",
            "APPROVE_SUMMARY %", "READ_THREAD 27%82 limit=null", "READ_THREAD 27%82 limit=null");
  }

  /** Sends one request both ways and expects the same answer. */
  private void assertSameThroughBoth(
      String method, String rawPath, String query, Map<String, String> decoded, String body)
      throws IOException {
    ObjectNode viaUrl = urlEvent(method, rawPath, query, body, TOKEN);
    ObjectNode viaApi = urlEvent(method, rawPath, query, body, TOKEN);
    String template = templateOf(method, rawPath);
    viaApi.put("routeKey", method + " " + template);
    viaApi.with("requestContext").put("routeKey", method + " " + template);
    if (!decoded.isEmpty()) {
      ObjectNode parameters = viaApi.putObject("pathParameters");
      decoded.forEach(parameters::put);
    }

    JsonNode fromApi = invoke(viaApi);
    JsonNode fromUrl = invoke(viaUrl);

    assertThat(fromUrl.get("statusCode").asInt()).isEqualTo(fromApi.get("statusCode").asInt());
    assertThat(fromUrl.get("body").asText()).isEqualTo(fromApi.get("body").asText());
  }

  private static String templateOf(String method, String rawPath) {
    for (ApiRoute route : ApiRoute.values()) {
      String pattern = route.http().pathTemplate().replaceAll("\\{[^}]+}", "[^/]+");
      if (route.http().method().equals(method) && rawPath.matches(pattern)) {
        return route.http().pathTemplate();
      }
    }
    throw new AssertionError("no route for " + method + " " + rawPath);
  }

  /** A Lambda function URL event (payload 2.0): route key $default, the raw path as sent. */
  private static ObjectNode urlEvent(
      String method, String rawPath, String query, String body, String token) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", rawPath);
    event.put("rawQueryString", query);
    ObjectNode headers = event.putObject("headers");
    headers.put("content-type", "application/json");
    headers.put("idempotency-key", "k-1");
    if (token != null) {
      headers.put("authorization", "Bearer " + token);
    }
    if (!query.isEmpty()) {
      ObjectNode parameters = event.putObject("queryStringParameters");
      for (String pair : query.split("&")) {
        String[] nameValue = pair.split("=", 2);
        parameters.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
      }
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("domainName", "abc123.lambda-url.af-south-1.on.aws");
    context.put("requestId", "req-1");
    context.put("routeKey", "$default");
    context.putObject("http").put("method", method).put("path", rawPath);
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return event;
  }

  private JsonNode invoke(ObjectNode event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }
}
