package dev.frontdoor.functions.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads API Gateway HTTP API payload 2.0 events and writes their responses, from and to the raw
 * JSON streams Lambda hands a {@code RequestStreamHandler}. Kept here so that the core never sees
 * an API Gateway type.
 */
public final class HttpApiCodec {
  private HttpApiCodec() {}

  /** Reads an event; a stream that is not a payload 2.0 event is an {@link IOException}. */
  public static HttpApiRequest read(InputStream in) throws IOException {
    JsonNode event = JsonTrees.read(in);
    if (event == null || !event.isObject()) {
      throw new IOException("not an HTTP API event");
    }
    JsonNode http = event.path("requestContext").path("http");
    String method = http.path("method").asText(null);
    if (method == null) {
      throw new IOException("HTTP API event without requestContext.http.method");
    }
    return new HttpApiRequest(
        method,
        event.path("rawPath").asText(http.path("path").asText("/")),
        event.path("rawQueryString").asText(""),
        event.path("requestContext").path("domainName").asText(""),
        event.path("routeKey").asText(null),
        strings(event.path("headers")),
        strings(event.path("queryStringParameters")),
        strings(event.path("pathParameters")),
        HttpApiRequest.decodeBody(
            event.path("body").isTextual() ? event.path("body").asText() : null,
            event.path("isBase64Encoded").asBoolean(false)),
        event.path("requestContext").path("requestId").asText(null));
  }

  /** Writes the answer straight to the stream (every request has one: no tree is built). */
  public static void write(HttpApiResponse response, OutputStream out) throws IOException {
    try (JsonGenerator json = JsonTrees.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("statusCode", response.statusCode());
      json.writeObjectFieldStart("headers");
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        json.writeStringField(header.getKey(), header.getValue());
      }
      json.writeEndObject();
      json.writeStringField("body", response.body() == null ? "" : response.body());
      json.writeBooleanField("isBase64Encoded", false);
      json.writeEndObject();
    }
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> values = new HashMap<>();
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              entry -> {
                if (!entry.getValue().isNull()) {
                  values.put(entry.getKey(), entry.getValue().asText());
                }
              });
    }
    return values;
  }
}
