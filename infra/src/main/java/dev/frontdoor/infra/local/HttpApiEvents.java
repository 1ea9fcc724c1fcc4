package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds API Gateway HTTP API payload format 2.0 events from local requests: lower-case header
 * names, repeated headers and query parameters joined by commas, cookies split out, and the body
 * base64-encoded unless it is UTF-8 text of a textual content type.
 */
final class HttpApiEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
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
    Instant now = Instant.now();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", rawPath);
    event.put("rawQueryString", rawQuery == null ? "" : rawQuery);

    ObjectNode headers = event.putObject("headers");
    ArrayNode cookies = JSON.createArrayNode();
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
    if (!headers.has("x-forwarded-proto")) {
      headers.put("x-forwarded-proto", "http");
    }
    if (!cookies.isEmpty()) {
      event.set("cookies", cookies);
    }
    Map<String, String> query = queryParameters(rawQuery);
    if (!query.isEmpty()) {
      ObjectNode queryNode = event.putObject("queryStringParameters");
      query.forEach(queryNode::put);
    }
    if (!pathParameters.isEmpty()) {
      ObjectNode pathNode = event.putObject("pathParameters");
      pathParameters.forEach((name, value) -> pathNode.put(name, decode(value)));
    }

    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "000000000000");
    context.put("apiId", "local");
    context.put("domainName", headers.path("host").asText("127.0.0.1"));
    context.put("domainPrefix", "local");
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", rawPath);
    http.put("protocol", exchange.getProtocol());
    http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    http.put("userAgent", headers.path("user-agent").asText(""));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());

    if (body.length > 0) {
      String text = textOrNull(body, headers.path("content-type").asText(""));
      event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", text == null);
    } else {
      event.put("isBase64Encoded", false);
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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

  private static void splitCookies(String header, ArrayNode cookies) {
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
