package dev.frontdoor.adapter.out.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.frontdoor.adapter.out.http.JdkHttpDefaults;
import dev.frontdoor.config.Secret;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.outbound.delivery.GraphErrorClass;
import dev.frontdoor.outbound.delivery.GraphResult;
import dev.frontdoor.outbound.delivery.port.out.GraphApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Graph API over the JDK's {@code HttpURLConnection}: {@code POST
 * {url}/{version}/{phone-number-id}/messages} with the access token. A connection that never opened
 * is {@code Unreachable(requestSent=false)}; a timeout or reset after the request left is {@code
 * requestSent=true} (the outcome is unknown).
 *
 * <p>Not {@code java.net.http.HttpClient}: its first request costs ~0.5 s of CPU with Lambda's
 * C1-only flags (a selector thread and some 600 classes), the largest part of the sender's cold
 * start, while {@code HttpURLConnection} is already loaded and warm from the SDK's url-connection
 * client (README "Cold start"). Keep-alive connections are pooled per host by the JDK; a POST is
 * never resent silently on a stale one, and up to 64 idle connections are kept ({@link
 * JdkHttpDefaults}): a resend would be a second message to the customer.
 */
public final class HttpGraphApi implements GraphApi {
  private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

  static {
    JdkHttpDefaults.apply(); // the SDK's client applies them too, whichever comes first
  }

  private final URI baseUrl;
  private final String version;
  private final Secret accessToken;
  private final Duration requestTimeout;

  public HttpGraphApi(URI baseUrl, String version, Secret accessToken) {
    this(baseUrl, version, accessToken, Duration.ofSeconds(10));
  }

  /**
   * {@code requestTimeout} bounds the wait for the answer once the request is written (the read
   * timeout: the answer is one small JSON object).
   */
  public HttpGraphApi(URI baseUrl, String version, Secret accessToken, Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.version = version;
    this.accessToken = accessToken;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public GraphResult send(String phoneNumberId, Map<String, Object> body) {
    byte[] json = JsonTrees.writeBytes(body);
    HttpURLConnection connection;
    try {
      URL url =
          URI.create(
                  baseUrl.toString().replaceAll("/+$", "")
                      + "/"
                      + version
                      + "/"
                      + phoneNumberId
                      + "/messages")
              .toURL();
      connection = (HttpURLConnection) url.openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()));
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(json.length);
      connection.setRequestProperty("Authorization", "Bearer " + accessToken.reveal());
      connection.setRequestProperty("Content-Type", "application/json");
      connection.connect();
    } catch (IOException e) {
      // Refused, unresolvable, or no connection within the connect timeout: nothing was sent.
      return new GraphResult.Unreachable("could not connect", false);
    }
    try {
      try (OutputStream out = connection.getOutputStream()) {
        out.write(json);
      }
      int status = connection.getResponseCode();
      InputStream answer =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = "";
      if (answer != null) {
        // Read to the end and closed: the connection goes back to the keep-alive pool.
        try (answer) {
          text = new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return read(status, text);
    } catch (IOException e) {
      connection.disconnect();
      return new GraphResult.Unreachable(e.getClass().getSimpleName(), true);
    }
  }

  static GraphResult read(int status, String body) {
    JsonNode json;
    try {
      json = JsonTrees.read(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      json = JsonNodeFactory.instance.objectNode();
    }
    if (status == 200) {
      String wamid = json.path("messages").path(0).path("id").asText("");
      if (!wamid.isEmpty()) {
        return new GraphResult.Accepted(wamid);
      }
      // A 200 without a wamid cannot be matched to statuses; it is treated as an unknown outcome.
      return new GraphResult.Unreachable("200 without a message id", true);
    }
    JsonNode error = json.path("error");
    int code = error.path("code").asInt(-1);
    String title = error.path("message").asText("HTTP " + status);
    return new GraphResult.Rejected(status, code, title, GraphErrorClass.of(status, code));
  }
}
