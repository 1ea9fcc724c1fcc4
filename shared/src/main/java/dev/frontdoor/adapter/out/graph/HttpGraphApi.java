package dev.frontdoor.adapter.out.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.Secret;
import dev.frontdoor.outbound.delivery.GraphErrorClass;
import dev.frontdoor.outbound.delivery.GraphResult;
import dev.frontdoor.outbound.delivery.port.out.GraphApi;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The Graph API over the JDK's HTTP client: {@code POST {url}/{version}/{phone-number-id}/messages}
 * with the access token. A connection that never opened is {@code Unreachable(requestSent=false)};
 * a timeout or reset after the request left is {@code requestSent=true} (the outcome is unknown).
 */
public final class HttpGraphApi implements GraphApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI baseUrl;
  private final String version;
  private final Secret accessToken;
  private final Duration requestTimeout;

  public HttpGraphApi(URI baseUrl, String version, Secret accessToken) {
    this(baseUrl, version, accessToken, Duration.ofSeconds(10));
  }

  public HttpGraphApi(URI baseUrl, String version, Secret accessToken, Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.version = version;
    this.accessToken = accessToken;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public GraphResult send(String phoneNumberId, Map<String, Object> body) {
    HttpResponse<String> response;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      baseUrl.toString().replaceAll("/+$", "")
                          + "/"
                          + version
                          + "/"
                          + phoneNumberId
                          + "/messages"))
              .timeout(requestTimeout)
              .header("Authorization", "Bearer " + accessToken.reveal())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build();
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      return new GraphResult.Unreachable("could not connect", false);
    } catch (IOException e) {
      return new GraphResult.Unreachable(e.getClass().getSimpleName(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new GraphResult.Unreachable("interrupted", true);
    }
    return read(response.statusCode(), response.body());
  }

  static GraphResult read(int status, String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      json = JSON.createObjectNode();
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
