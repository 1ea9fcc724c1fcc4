package dev.frontdoor.functions.http;

import dev.frontdoor.config.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The internal API's bearer tokens ({@code API_TOKENS}): each presented token is compared with
 * every configured one in constant time. Missing: 401; wrong: 403.
 */
public final class BearerAuth {
  private final List<Secret> tokens;

  public BearerAuth(List<Secret> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** Empty when the request may proceed, else the answer to give. */
  public Optional<HttpApiResponse> refuse(HttpApiRequest request) {
    String header = request.header("authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(
          withChallenge(HttpApiResponse.error(401, "an Authorization: Bearer token is required")));
    }
    String presented = header.substring(7).trim();
    boolean matched = false;
    for (Secret token : tokens) {
      matched |= token.matches(presented);
    }
    return matched
        ? Optional.empty()
        : Optional.of(HttpApiResponse.error(403, "the bearer token is not accepted"));
  }

  /**
   * A stable, non-secret name for the caller of an accepted request: the first 16 hex digits of the
   * SHA-256 of its token (idempotency keys are scoped by it).
   */
  public static String clientId(HttpApiRequest request) {
    String token = request.header("authorization").substring(7).trim();
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpApiResponse withChallenge(HttpApiResponse response) {
    var headers = new java.util.LinkedHashMap<>(response.headers());
    headers.put("www-authenticate", "Bearer");
    return new HttpApiResponse(response.statusCode(), headers, response.body());
  }
}
