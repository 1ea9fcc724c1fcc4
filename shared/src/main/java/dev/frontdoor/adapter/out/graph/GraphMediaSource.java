package dev.frontdoor.adapter.out.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.Secret;
import dev.frontdoor.lifecycle.MediaFetch;
import dev.frontdoor.lifecycle.port.out.MediaSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Media bytes from Meta over the JDK's HTTP client, in two requests that share one time budget:
 * {@code GET {graph}/{version}/{media-id}} (bearer token) answers JSON with the download {@code
 * url}, {@code file_size}, {@code sha256} and {@code mime_type}; then {@code GET url} with the same
 * token gives the bytes. The safeguards:
 *
 * <ul>
 *   <li>Only {@link MediaHosts} are asked, and only they get the token: a download URL on any other
 *       host is refused without a request.
 *   <li>No redirect is followed (the client never follows one, and a 3xx is refused): a redirect
 *       could lead anywhere, and the token would travel with it.
 *   <li>At most {@code maxBytes}: a declared {@code file_size} or {@code Content-Length} over it is
 *       refused before the download, a body growing past it is cut off.
 *   <li>Both requests end within {@code timeout} in total; a slow answer is a transient failure.
 * </ul>
 */
public final class GraphMediaSource implements MediaSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The media endpoint's JSON is a few hundred bytes. */
  private static final long MAX_METADATA_BYTES = 64 * 1024;

  private final HttpClient http;
  private final URI graphBase;
  private final String version;
  private final Secret accessToken;
  private final MediaHosts hosts;
  private final Duration timeout;

  public GraphMediaSource(
      URI graphBase, String version, Secret accessToken, MediaHosts hosts, Duration timeout) {
    this.graphBase = graphBase;
    this.version = version;
    this.accessToken = accessToken;
    this.hosts = hosts;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(
                timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public MediaFetch fetch(String mediaId, long maxBytes) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI metadataUrl =
        URI.create(graphBase.toString().replaceAll("/+$", "") + "/" + version + "/" + mediaId);
    if (!hosts.allows(metadataUrl)) {
      return new MediaFetch.Refused("the Graph API URL is not an allowed media host");
    }
    Reply metadata = get(metadataUrl, MAX_METADATA_BYTES, deadline);
    if (metadata.failure() != null) {
      return metadata.failure();
    }
    JsonNode json;
    try {
      json = JSON.readTree(metadata.body());
    } catch (IOException e) {
      return new MediaFetch.Unavailable("the media endpoint answered no JSON");
    }
    if (json == null || !json.path("url").isTextual()) {
      return new MediaFetch.Unavailable("the media endpoint answered no url");
    }
    long declaredSize = json.path("file_size").asLong(-1);
    if (declaredSize > maxBytes) {
      return new MediaFetch.Refused(
          "too large: " + declaredSize + " bytes, over the cap of " + maxBytes);
    }
    URI download;
    try {
      download = new URI(json.get("url").asText());
    } catch (URISyntaxException e) {
      return new MediaFetch.Refused("the media URL is not a URL");
    }
    if (!hosts.allows(download)) {
      return new MediaFetch.Refused(
          "the media URL's host is not an allowed media host: " + download.getHost());
    }
    Reply bytes = get(download, maxBytes, deadline);
    if (bytes.failure() != null) {
      return bytes.failure();
    }
    return new MediaFetch.Fetched(
        bytes.body(),
        json.path("mime_type").asText(bytes.contentType()),
        json.path("sha256").asText(null));
  }

  private record Reply(byte[] body, String contentType, MediaFetch failure) {}

  /** One GET to an allowed URL with the token, within the deadline and the cap. */
  private Reply get(URI url, long cap, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return failed(new MediaFetch.Unavailable("timed out after " + timeout.toMillis() + " ms"));
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofNanos(left))
            .header("Authorization", "Bearer " + accessToken.reveal())
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, CappedBody.handler(cap));
    HttpResponse<byte[]> response;
    try {
      response = call.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return failed(new MediaFetch.Unavailable("timed out after " + timeout.toMillis() + " ms"));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return failed(new MediaFetch.Unavailable("interrupted"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CappedBody.TooLarge tooLarge) {
        return failed(new MediaFetch.Refused("too large: " + tooLarge.getMessage()));
      }
      if (cause instanceof java.net.http.HttpTimeoutException) {
        return failed(new MediaFetch.Unavailable("timed out after " + timeout.toMillis() + " ms"));
      }
      return failed(
          new MediaFetch.Unavailable(
              "could not reach " + url.getHost() + ": " + cause.getClass().getSimpleName()));
    }
    int status = response.statusCode();
    if (status == 200) {
      return new Reply(
          response.body(),
          response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
          null);
    }
    if (status >= 300 && status < 400) {
      String to =
          response.headers().firstValue("Location").map(GraphMediaSource::hostOf).orElse("nowhere");
      return failed(new MediaFetch.Refused("redirect refused (" + status + " to " + to + ")"));
    }
    String what = url.getHost() + " answered " + status + errorMessage(response.body());
    if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
      return failed(new MediaFetch.Unavailable(what));
    }
    return failed(new MediaFetch.Refused(what));
  }

  /** The host a redirect names, for the reason; never followed. */
  private static String hostOf(String location) {
    try {
      String host = URI.create(location).getHost();
      return host == null ? "this host" : host;
    } catch (IllegalArgumentException e) {
      return "an unreadable location";
    }
  }

  private static Reply failed(MediaFetch failure) {
    return new Reply(null, null, failure);
  }

  private static String errorMessage(byte[] body) {
    try {
      String message = JSON.readTree(body).path("error").path("message").asText("");
      return message.isEmpty()
          ? ""
          : ": " + (message.length() > 200 ? message.substring(0, 200) : message);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
