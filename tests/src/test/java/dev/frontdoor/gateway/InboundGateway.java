package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.inbound.WhatsAppIngest;
import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.testing.Sensitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local gateway as Meta and an internal caller see it: signed deliveries over HTTP to the
 * template's route, the thread API with a bearer token, and a look into the table underneath.
 */
final class InboundGateway implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REF_KEY = "test-customer-ref-key-2b7c";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  final LocalGateway gateway;
  final String table;

  InboundGateway(Path dataDir) throws IOException {
    this(dataDir, Map.of());
  }

  InboundGateway(Path dataDir, Map<String, String> extraSettings) throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("GATEWAY_PORT", "0");
    settings.put("GATEWAY_DATA_DIR", dataDir.toString());
    settings.put("META_VERIFY_TOKEN", Sensitive.VERIFY_TOKEN);
    settings.put("META_APP_SECRETS", Sensitive.APP_SECRET + "," + Sensitive.OLD_APP_SECRET);
    settings.put("API_TOKENS", Sensitive.API_TOKEN);
    settings.put("META_ACCESS_TOKEN", Sensitive.META_ACCESS_TOKEN);
    settings.put("CUSTOMER_REF_KEY", REF_KEY);
    // The number the scenarios send from (the send API takes no unconfigured number).
    settings.put("META_PHONE_NUMBER_ID", Webhooks.PHONE_NUMBER_ID);
    // Meta's published examples are dated 2020-2025: a long retention keeps them unexpired.
    settings.put("RETENTION_DAYS", "3650");
    settings.putAll(extraSettings);
    Path template =
        Path.of(System.getProperty("frontdoor.root", ".."))
            .toAbsolutePath()
            .resolve("template.yaml");
    this.gateway = LocalGateway.start(template, settings);
    this.table = gateway.deployment().tableNames().get("Table");
  }

  /** The ingest use case on this gateway's table, for checks behind the HTTP route. */
  WhatsAppIngest directIngest() {
    return new Composition(
            Environment.of(gateway.functionEnvironment()).with(Map.of(EnvVar.TABLE_NAME, table)),
            gateway.dynamoDb())
        .ingestWhatsAppWebhook();
  }

  static String sign(byte[] body) {
    return WebhookSignature.sign(body, Secret.of(Sensitive.APP_SECRET));
  }

  HttpResponse<String> deliver(byte[] body) {
    return deliver(body, sign(body), "application/json");
  }

  HttpResponse<String> deliver(byte[] body, String signature, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.baseUri().resolve("/webhooks/whatsapp"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  HttpResponse<String> api(String method, String path, String body, Map<String, String> headers) {
    return api(gateway.baseUri(), method, path, body, headers);
  }

  /** The same bearer-token request against another base, such as a function URL. */
  HttpResponse<String> api(
      URI base, String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + Sensitive.API_TOKEN)
            .header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request.build());
  }

  /** Waits (30 s at most) until the sandbox Graph API took the message {@code id}, and says so. */
  void awaitSentToGraph(String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline
        && gateway.sandbox().orElseThrow().accepted().stream()
            .noneMatch(m -> id.equals(m.bizOpaqueCallbackData()))) {
      Thread.sleep(100);
    }
    assertThat(gateway.sandbox().orElseThrow().accepted())
        .anySatisfy(m -> assertThat(m.bizOpaqueCallbackData()).isEqualTo(id));
  }

  /**
   * Polls {@code GET /v1/messages/{id}} until {@code until} holds (30 s at most); the last view.
   */
  JsonNode awaitMessage(String id, java.util.function.Predicate<JsonNode> until) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    JsonNode view = null;
    try {
      while (System.nanoTime() < deadline) {
        view = JSON.readTree(api("GET", "/v1/messages/" + id, null, Map.of()).body());
        if (until.test(view)) {
          return view;
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("message " + id + " never got there; last seen: " + view);
  }

  JsonNode thread(String phone, String query) {
    HttpResponse<String> response = threadResponse(phone, query, Sensitive.API_TOKEN);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "thread read answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> threadResponse(String phone, String query, String token) {
    URI uri =
        gateway
            .baseUri()
            .resolve(
                "/v1/threads/"
                    + URLEncoder.encode(phone, StandardCharsets.UTF_8)
                    + (query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  /** Every item of one partition, read strongly consistent. */
  List<Map<String, AttributeValue>> partition(String pk) {
    return gateway
        .dynamoDb()
        .query(
            r ->
                r.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .consistentRead(true))
        .items();
  }

  int itemCount() {
    return gateway
        .dynamoDb()
        .scanPaginator(r -> r.tableName(table).consistentRead(true).select("COUNT"))
        .stream()
        .mapToInt(page -> page.count())
        .sum();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    gateway.close();
  }
}
