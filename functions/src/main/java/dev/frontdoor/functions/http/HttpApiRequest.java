package dev.frontdoor.functions.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload format 2.0) request event that handlers read.
 * Header names are lower case, as API Gateway delivers them; repeated headers and query parameters
 * arrive joined by commas. The body is kept as the raw bytes the caller sent: signatures are
 * checked on these, never on re-encoded text.
 */
public record HttpApiRequest(
    String method,
    String rawPath,
    String rawQueryString,
    String domainName,
    String routeKey,
    Map<String, String> headers,
    Map<String, String> queryParameters,
    Map<String, String> pathParameters,
    byte[] body,
    String requestId) {

  public HttpApiRequest {
    headers = lowerCaseKeys(headers);
    queryParameters = queryParameters == null ? Map.of() : Map.copyOf(queryParameters);
    pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
    body = body == null ? new byte[0] : body;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The URL the caller used, as API Gateway saw it: scheme from {@code x-forwarded-proto}, the
   * domain, the raw path and query; {@code publicBase} (a custom domain's origin) replaces the
   * scheme and domain when given.
   */
  public String publicUrl(String publicBase) {
    String origin =
        publicBase != null
            ? publicBase
            : (header("x-forwarded-proto") == null ? "https" : header("x-forwarded-proto"))
                + "://"
                + domainName;
    String query = rawQueryString == null || rawQueryString.isEmpty() ? "" : "?" + rawQueryString;
    return origin + rawPath + query;
  }

  /** This request as the route it matched by path reads it (what the HTTP API would have sent). */
  public HttpApiRequest routedAs(String matchedRouteKey, Map<String, String> matchedParameters) {
    return new HttpApiRequest(
        method,
        rawPath,
        rawQueryString,
        domainName,
        matchedRouteKey,
        headers,
        queryParameters,
        matchedParameters,
        body,
        requestId);
  }

  /**
   * A path parameter, empty when absent. Both routings deliver it decoded; a value that still holds
   * percent escapes is decoded once more (a path sense of the word: {@code +} stays {@code +}), as
   * the API did before function URLs, and a {@code %} that starts no escape is kept as it is.
   */
  public String pathParameter(String name) {
    String value = pathParameters.getOrDefault(name, "");
    if (value.indexOf('%') < 0) {
      return value;
    }
    try {
      return HttpRoute.percentDecode(value);
    } catch (HttpRoute.MalformedPathException e) {
      return value;
    }
  }

  public String query(String name) {
    return queryParameters.get(name);
  }

  static byte[] decodeBody(String body, boolean base64) {
    if (body == null) {
      return new byte[0];
    }
    return base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> lowerCaseKeys(Map<String, String> raw) {
    if (raw == null) {
      return Map.of();
    }
    var lower = new java.util.HashMap<String, String>();
    raw.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
    return Map.copyOf(lower);
  }
}
