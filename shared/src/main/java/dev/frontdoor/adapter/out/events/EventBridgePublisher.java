package dev.frontdoor.adapter.out.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.out.aws.ResponseBodies;
import dev.frontdoor.adapter.out.aws.SigV4Signing;
import dev.frontdoor.analytics.events.IntegrationEvent;
import dev.frontdoor.analytics.events.port.out.EventPublisher;
import dev.frontdoor.common.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * EventBridge {@code PutEvents} (JSON 1.1 protocol), signed with the SDK's SigV4 signer and sent
 * through the function's one SDK HTTP client, as the Connect contact directory does: the SDK's
 * eventbridge module would add its own model and client to a Lambda jar at its size target for one
 * call. Entries go in requests of at most 10 (the API's limit); {@code source} {@code frontdoor},
 * {@code detail-type} the event's type, {@code detail} the whole envelope.
 */
public final class EventBridgePublisher implements EventPublisher {
  public static final String SIGNING_NAME = "events";
  static final int MAX_ENTRIES = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SdkHttpClient http;
  private final URI endpoint;
  private final String busName;
  private final SigV4Signing sigV4;

  public EventBridgePublisher(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Region region,
      URI endpoint,
      String busName) {
    this.http = Objects.requireNonNull(http, "http");
    this.sigV4 = SigV4Signing.of(credentials, region, SIGNING_NAME);
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.busName = Objects.requireNonNull(busName, "busName");
  }

  public static URI publicEndpoint(Region region) {
    return URI.create("https://events." + region.id() + ".amazonaws.com");
  }

  @Override
  public Set<String> publish(List<IntegrationEvent> events) {
    Set<String> refused = new LinkedHashSet<>();
    for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
      List<IntegrationEvent> chunk =
          events.subList(from, Math.min(events.size(), from + MAX_ENTRIES));
      refused.addAll(putEvents(chunk));
    }
    return refused;
  }

  /** The request body, exposed for tests of its shape. */
  String body(List<IntegrationEvent> events) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode entries = root.putArray("Entries");
    for (IntegrationEvent event : events) {
      entries
          .addObject()
          .put("EventBusName", busName)
          .put("Source", IntegrationEvent.SOURCE)
          .put("DetailType", event.type())
          .put("Time", Instant.ofEpochMilli(event.timeMillis()).getEpochSecond())
          .put("Detail", event.toJson());
    }
    return root.toString();
  }

  private Set<String> putEvents(List<IntegrationEvent> events) {
    byte[] body = body(events).getBytes(StandardCharsets.UTF_8);
    Reply reply = send(sign(request(body), body));
    if (reply.status() != 200) {
      String what = "EventBridge PutEvents answered " + reply.status() + " " + reply.text();
      if (reply.status() == 400 && !reply.text().contains("Throttling")) {
        throw new IllegalStateException(
            what + " — check EVENT_BUS_NAME and the function role's events:PutEvents permission");
      }
      throw new StoreUnavailableException(what, null);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new StoreUnavailableException("EventBridge PutEvents answered 200 with no JSON", e);
    }
    Set<String> refused = new LinkedHashSet<>();
    if (answer == null || answer.path("FailedEntryCount").asInt(0) == 0) {
      return refused;
    }
    JsonNode entries = answer.path("Entries");
    for (int i = 0; i < events.size(); i++) {
      JsonNode entry = entries.path(i);
      if (entry.isMissingNode() || entry.hasNonNull("ErrorCode")) {
        refused.add(events.get(i).id());
      }
    }
    return refused;
  }

  private SdkHttpFullRequest request(byte[] body) {
    String path =
        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
            ? "/"
            : endpoint.getRawPath();
    SdkHttpFullRequest.Builder builder =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .protocol(endpoint.getScheme())
            .host(endpoint.getHost())
            .encodedPath(path)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
            .putHeader("Content-Length", Integer.toString(body.length))
            .contentStreamProvider(ContentStreamProvider.fromByteArray(body));
    if (endpoint.getPort() > 0) {
      builder.port(endpoint.getPort());
    }
    return builder.build();
  }

  private SdkHttpFullRequest sign(SdkHttpFullRequest request, byte[] body) {
    SdkHttpRequest signed = sigV4.sign(request, body);
    return SdkHttpFullRequest.builder()
        .method(signed.method())
        .uri(signed.getUri())
        .headers(signed.headers())
        .contentStreamProvider(ContentStreamProvider.fromByteArray(body))
        .build();
  }

  private record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private Reply send(SdkHttpFullRequest request) {
    try {
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(request)
                      .contentStreamProvider(request.contentStreamProvider().orElse(null))
                      .build())
              .call();
      byte[] body = ResponseBodies.readAll(response);
      return new Reply(response.httpResponse().statusCode(), body);
    } catch (IOException | UncheckedIOException | SdkClientException e) {
      throw new StoreUnavailableException(
          "EventBridge could not be reached for PutEvents: " + e.getMessage(), e);
    }
  }
}
