package dev.frontdoor.functions.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.json.JsonTrees;
import java.util.LinkedHashMap;
import java.util.Map;

/** A payload format 2.0 response: status, headers and a text body. */
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

  public HttpApiResponse {
    headers = Map.copyOf(headers);
  }

  public static HttpApiResponse text(int status, String body) {
    return new HttpApiResponse(status, baseHeaders("text/plain; charset=utf-8"), body);
  }

  /** A JSON error body: {@code {"error": {"status": 403, "message": "..."}}}. */
  public static HttpApiResponse error(int status, String message) {
    ObjectNode root = JsonTrees.object();
    ObjectNode error = root.putObject("error");
    error.put("status", status);
    error.put("message", message);
    return json(status, JsonTrees.write(root));
  }

  /** The store failed: 503 so that webhook callers retry; nothing was acknowledged. */
  public static HttpApiResponse storeUnavailable() {
    HttpApiResponse error = error(503, "storage is unavailable; nothing was stored, retry later");
    Map<String, String> headers = new LinkedHashMap<>(error.headers());
    headers.put("retry-after", "5");
    return new HttpApiResponse(503, headers, error.body());
  }

  public static HttpApiResponse json(int status, String json) {
    return new HttpApiResponse(status, baseHeaders("application/json"), json);
  }

  private static Map<String, String> baseHeaders(String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", contentType);
    headers.put("x-content-type-options", "nosniff");
    headers.put("cache-control", "no-store");
    return headers;
  }
}
