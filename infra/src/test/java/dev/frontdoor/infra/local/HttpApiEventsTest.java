package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void functionUrlEvent_isPayload20_withHeadersCookiesQueryContextAndTextBody() throws Exception {
    Headers headers = new Headers();
    headers.add("Host", "127.0.0.1:3000");
    headers.add("User-Agent", "bench/1");
    headers.add("Content-Type", "application/json");
    headers.add("X-Repeated", "one");
    headers.add("X-Repeated", "two");
    headers.add("Cookie", "a=1; b=2");
    String body = "{\"text\":\"h\u00e9llo \\\"quoted\\\"\"}";
    long before = System.currentTimeMillis();

    JsonNode event =
        JSON.readTree(
            HttpApiEvents.functionUrl(
                exchange("post", "/webhooks/x%20y?a=1&a=2&e=%2B27", headers),
                body.getBytes(StandardCharsets.UTF_8)));

    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("$default");
    assertThat(event.path("rawPath").asText()).isEqualTo("/webhooks/x%20y");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&e=%2B27");
    assertThat(JSON.convertValue(event.path("headers"), Map.class))
        .containsEntry("host", "127.0.0.1:3000")
        .containsEntry("user-agent", "bench/1")
        .containsEntry("content-type", "application/json")
        .containsEntry("x-repeated", "one,two")
        .containsEntry("x-forwarded-proto", "http")
        .doesNotContainKey("cookie");
    assertThat(JSON.convertValue(event.path("cookies"), List.class)).containsExactly("a=1", "b=2");
    assertThat(JSON.convertValue(event.path("queryStringParameters"), Map.class))
        .isEqualTo(Map.of("a", "1,2", "e", "+27"));
    assertThat(event.has("pathParameters")).isFalse();
    JsonNode context = event.path("requestContext");
    assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1:3000");
    assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
    assertThat(context.path("http").path("path").asText()).isEqualTo("/webhooks/x%20y");
    assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(context.path("http").path("userAgent").asText()).isEqualTo("bench/1");
    assertThat(UUID.fromString(context.path("requestId").asText()).version()).isEqualTo(4);
    assertThat(context.path("stage").asText()).isEqualTo("$default");
    long epoch = context.path("timeEpoch").asLong();
    assertThat(epoch).isBetween(before, System.currentTimeMillis());
    assertThat(context.path("time").asText())
        .isEqualTo(
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(epoch)));
    assertThat(event.path("body").asText()).isEqualTo(body);
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void bodyThatIsNotUtf8Text_isBase64_andAnEmptyOneIsAbsent() throws Exception {
    Headers json = new Headers();
    json.add("Content-Type", "application/json");
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 'x'};

    JsonNode binary =
        JSON.readTree(HttpApiEvents.functionUrl(exchange("POST", "/x", json), notUtf8));
    JsonNode empty =
        JSON.readTree(HttpApiEvents.functionUrl(exchange("GET", "/x", json), new byte[0]));

    assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(binary.path("body").asText())).isEqualTo(notUtf8);
    assertThat(empty.has("body")).isFalse();
    assertThat(empty.path("isBase64Encoded").asBoolean(true)).isFalse();
    assertThat(empty.path("rawQueryString").asText("missing")).isEmpty();
    assertThat(empty.has("queryStringParameters")).isFalse();
    assertThat(empty.has("cookies")).isFalse();
    assertThat(empty.path("requestContext").path("domainName").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void requestTime_isTheSecondFormatted_andChangesWithIt() {
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    for (long millis : new long[] {1749416383000L, 1749416383999L, 1749416384000L, 0L}) {
      assertThat(HttpApiEvents.requestTime(millis))
          .isEqualTo(format.format(Instant.ofEpochMilli(millis)));
    }
  }

  /** A request as the JDK's HTTP server hands it over, for the parts the event reads. */
  private static HttpExchange exchange(String method, String uri, Headers headers) {
    return new HttpExchange() {
      @Override
      public Headers getRequestHeaders() {
        return headers;
      }

      @Override
      public Headers getResponseHeaders() {
        return new Headers();
      }

      @Override
      public URI getRequestURI() {
        return URI.create(uri);
      }

      @Override
      public String getRequestMethod() {
        return method;
      }

      @Override
      public HttpContext getHttpContext() {
        return null;
      }

      @Override
      public void close() {}

      @Override
      public InputStream getRequestBody() {
        return new ByteArrayInputStream(new byte[0]);
      }

      @Override
      public OutputStream getResponseBody() {
        return new ByteArrayOutputStream();
      }

      @Override
      public void sendResponseHeaders(int rCode, long responseLength) {}

      @Override
      public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
      }

      @Override
      public int getResponseCode() {
        return -1;
      }

      @Override
      public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 3000);
      }

      @Override
      public String getProtocol() {
        return "HTTP/1.1";
      }

      @Override
      public Object getAttribute(String name) {
        return null;
      }

      @Override
      public void setAttribute(String name, Object value) {}

      @Override
      public void setStreams(InputStream i, OutputStream o) {}

      @Override
      public HttpPrincipal getPrincipal() {
        return null;
      }
    };
  }

  @Test
  void queryParameters_decodedAndRepeatsJoinedByComma_likeApiGateway() {
    assertThat(HttpApiEvents.queryParameters("hub.mode=subscribe&a=1&a=2&e=%2B27%20x&flag"))
        .containsEntry("hub.mode", "subscribe")
        .containsEntry("a", "1,2")
        .containsEntry("e", "+27 x")
        .containsEntry("flag", "");
  }

  @Test
  void queryParameters_malformedEscape_keptRawNotACrash() {
    assertThat(HttpApiEvents.queryParameters("x=%zz")).containsEntry("x", "%zz");
  }
}
