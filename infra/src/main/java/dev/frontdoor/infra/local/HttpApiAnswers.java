package dev.frontdoor.infra.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an HTTP function answered (API Gateway's payload 2.0 response: {@code statusCode},
 * {@code headers}, {@code cookies}, {@code body}, {@code isBase64Encoded}) with the streaming
 * parser, as the local runtime does for every request: no tree is built for a few fields.
 */
final class HttpApiAnswers {
  private static final JsonFactory JSON = new JsonFactory();

  private HttpApiAnswers() {}

  /** The answer as the caller gets it. */
  record Answer(
      int status, List<Map.Entry<String, String>> headers, List<String> cookies, byte[] body) {}

  /**
   * The answer, or empty when the function answered something other than an object with a {@code
   * statusCode} (API Gateway then sends it as it is, with 200).
   *
   * @throws IOException when the answer is not JSON
   */
  static Optional<Answer> read(byte[] response) throws IOException {
    if (response == null || response.length == 0) {
      return Optional.empty();
    }
    try (JsonParser parser = JSON.createParser(response)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        skipRest(parser);
        return Optional.empty();
      }
      boolean hasStatus = false;
      int status = 500;
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      List<String> cookies = new ArrayList<>();
      String body = "";
      boolean base64 = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "statusCode" -> {
            hasStatus = true;
            status = value.isScalarValue() ? parser.getValueAsInt(500) : skip(parser, 500);
          }
          case "headers" -> {
            if (value == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                headers.add(Map.entry(name, text(parser)));
              }
            } else {
              parser.skipChildren();
            }
          }
          case "cookies" -> {
            if (value == JsonToken.START_ARRAY) {
              while (parser.nextToken() != JsonToken.END_ARRAY) {
                cookies.add(text(parser));
              }
            } else {
              parser.skipChildren();
            }
          }
          case "body" -> body = value == JsonToken.VALUE_NULL ? "" : text(parser);
          case "isBase64Encoded" ->
              base64 =
                  value.isScalarValue() ? parser.getValueAsBoolean(false) : skip(parser, false);
          default -> parser.skipChildren();
        }
      }
      skipRest(parser);
      if (!hasStatus) {
        return Optional.empty();
      }
      byte[] bytes =
          base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
      return Optional.of(new Answer(status, headers, cookies, bytes));
    }
  }

  /** A value as JsonNode.asText gives it: a scalar's text, "" for an object, array or null. */
  private static String text(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
      return "";
    }
    if (token == JsonToken.VALUE_NULL) {
      return "null";
    }
    return parser.getValueAsString("");
  }

  private static <T> T skip(JsonParser parser, T fallback) throws IOException {
    parser.skipChildren();
    return fallback;
  }

  /** The rest of the document, so that malformed JSON after the fields is still an error. */
  private static void skipRest(JsonParser parser) throws IOException {
    while (parser.nextToken() != null) {
      parser.skipChildren();
    }
  }
}
