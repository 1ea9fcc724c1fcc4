package dev.frontdoor.infra.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds API Gateway HTTP API payload format 2.0 events from local requests: lower-case header
 * names, repeated headers and query parameters joined by commas, cookies split out, and the body
 * base64-encoded unless it is UTF-8 text of a textual content type.
 */
final class HttpApiEvents {
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HttpApiEvents() {}

  /** The event of a request on an HTTP API route: its route key and path parameters. */
  static byte[] build(HttpExchange exchange, RouteTable.Match match, byte[] body) {
    return build(exchange, match.routeKey(), match.pathParameters(), body);
  }

  /**
   * The event of a request on a Lambda function URL: the same payload 2.0 shape with route key
   * {@code $default} and no path parameters; the path stays percent-encoded, as the URL sent it.
   */
  static byte[] functionUrl(HttpExchange exchange, byte[] body) {
    return build(exchange, "$default", Map.of(), body);
  }

  private static byte[] build(
      HttpExchange exchange, String routeKey, Map<String, String> pathParameters, byte[] body) {
    long now = System.currentTimeMillis();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                values.forEach(value -> splitCookies(value, cookies));
              } else {
                headers.put(lower, String.join(",", values));
              }
            });
    // API Gateway tells the integration how the caller connected; locally that is plain HTTP.
    headers.putIfAbsent("x-forwarded-proto", "http");

    // Written with the streaming generator: the same JSON the tree gave, without building one.
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + body.length + body.length / 3);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("version", "2.0");
      json.writeStringField("routeKey", routeKey);
      json.writeStringField("rawPath", rawPath);
      json.writeStringField("rawQueryString", rawQuery == null ? "" : rawQuery);
      json.writeObjectFieldStart("headers");
      for (Map.Entry<String, String> header : headers.entrySet()) {
        json.writeStringField(header.getKey(), header.getValue());
      }
      json.writeEndObject();
      if (!cookies.isEmpty()) {
        json.writeArrayFieldStart("cookies");
        for (String cookie : cookies) {
          json.writeString(cookie);
        }
        json.writeEndArray();
      }
      Map<String, String> query = queryParameters(rawQuery);
      if (!query.isEmpty()) {
        json.writeObjectFieldStart("queryStringParameters");
        for (Map.Entry<String, String> parameter : query.entrySet()) {
          json.writeStringField(parameter.getKey(), parameter.getValue());
        }
        json.writeEndObject();
      }
      if (!pathParameters.isEmpty()) {
        json.writeObjectFieldStart("pathParameters");
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
          json.writeStringField(parameter.getKey(), decode(parameter.getValue()));
        }
        json.writeEndObject();
      }

      json.writeObjectFieldStart("requestContext");
      json.writeStringField("accountId", "000000000000");
      json.writeStringField("apiId", "local");
      json.writeStringField("domainName", headers.getOrDefault("host", "127.0.0.1"));
      json.writeStringField("domainPrefix", "local");
      json.writeObjectFieldStart("http");
      json.writeStringField("method", method);
      json.writeStringField("path", rawPath);
      json.writeStringField("protocol", exchange.getProtocol());
      json.writeStringField("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
      json.writeStringField("userAgent", headers.getOrDefault("user-agent", ""));
      json.writeEndObject();
      json.writeStringField("requestId", RequestIds.next());
      json.writeStringField("routeKey", routeKey);
      json.writeStringField("stage", "$default");
      json.writeStringField("time", requestTime(now));
      json.writeNumberField("timeEpoch", now);
      json.writeEndObject();

      if (body.length > 0) {
        String text = textOrNull(body, headers.getOrDefault("content-type", ""));
        json.writeStringField(
            "body", text != null ? text : Base64.getEncoder().encodeToString(body));
        json.writeBooleanField("isBase64Encoded", text == null);
      } else {
        json.writeBooleanField("isBase64Encoded", false);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The last second's request time, formatted once: requests in the same second share it. */
  private static volatile FormattedSecond lastSecond = new FormattedSecond(-1, "");

  private record FormattedSecond(long epochSecond, String text) {}

  static String requestTime(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    FormattedSecond last = lastSecond;
    if (last.epochSecond() != second) {
      last = new FormattedSecond(second, REQUEST_TIME.format(Instant.ofEpochSecond(second)));
      lastSecond = last;
    }
    return last.text();
  }

  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.merge(name, value, (first, second) -> first + "," + second);
    }
    return parameters;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  private static void splitCookies(String header, List<String> cookies) {
    for (String cookie : header.split(";")) {
      if (!cookie.isBlank()) {
        cookies.add(cookie.trim());
      }
    }
  }

  private static final List<String> TEXT_TYPES =
      List.of(
          "text/", "application/json", "+json", "application/xml", "+xml", "x-www-form-urlencoded");

  private static String textOrNull(byte[] body, String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (TEXT_TYPES.stream().noneMatch(type::contains)) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
