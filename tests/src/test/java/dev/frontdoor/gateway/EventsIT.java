package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration events end to end on the local runtime (docs/events.md): a customer's inbound
 * message, a reply and its statuses, a phone call that ends, its summary and the customer's erasure
 * each become their event on {@code GET /local/events}, and each is POSTed to a receiver that
 * checks the Standard Webhooks signature with the official library. The receiver holds its first
 * request and then answers 503: ingest answers 200 meanwhile, and the event arrives again, with the
 * same id, and is accepted once.
 */
class EventsIT {
  private static final String E164 = "+27845550311";
  private static final String WA_ID = "27845550311";
  private static final String TWILIO_TOKEN = "test-twilio-auth-token-events";
  private static final String SECRET = secret();

  @TempDir static Path dataDir;
  static InboundGateway gateway;
  static Receiver receiver;

  @BeforeAll
  static void start() throws Exception {
    receiver = new Receiver();
    Map<String, String> settings = new HashMap<>();
    settings.put("TWILIO_AUTH_TOKENS", TWILIO_TOKEN);
    settings.put("EVENTS_WEBHOOK_URL", receiver.url());
    settings.put("EVENTS_WEBHOOK_SECRET", SECRET);
    settings.put("EVENTS_WEBHOOK_BACKOFF_MS", "200");
    gateway = new InboundGateway(dataDir, settings);
  }

  @AfterAll
  static void stop() {
    receiver.release.countDown();
    gateway.close();
    receiver.server.stop(0);
  }

  @Test
  void storedEvents_arePublished_signed_retried_andNeverHoldUpIngest() throws Exception {
    long now = Instant.now().getEpochSecond();
    String ref = new CustomerRefs(Secret.of(InboundGateway.REF_KEY)).of(new CustomerNumber(E164));

    // GIVEN the receiver holds its first request (then answers 503)
    // WHEN the customer writes, and ingest answers
    assertThat(
            gateway
                .deliver(Webhooks.text("wamid.events-1", WA_ID, now - 600, "where is 48213"))
                .statusCode())
        .isEqualTo(200);
    // THEN the event's delivery is under way and held ...
    assertThat(receiver.holding.await(20, TimeUnit.SECONDS)).as("first delivery arrived").isTrue();
    // ... and ingest still answers at once while the receiver holds it
    long started = System.nanoTime();
    HttpResponse<String> second =
        gateway.deliver(Webhooks.text("wamid.events-2", WA_ID, now - 590, "hello again"));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(receiver.release.getCount()).as("receiver still holding").isEqualTo(1);
    long ingestMillis = (System.nanoTime() - started) / 1_000_000;
    receiver.release.countDown();

    // AND a reply is sent, delivered and read
    HttpResponse<String> sent =
        gateway.api("POST", "/v1/messages", SendRequests.text(E164, "We found it"), Map.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String replyId = InboundGateway.JSON.readTree(sent.body()).path("id").asText();
    gateway.awaitMessage(replyId, view -> view.path("status").asText().equals("read"));

    // AND a phone call ends, is wrapped up, and its summary is sent and read
    String sid = "CA" + String.format("%032x", System.nanoTime());
    assertThat(twilio(sid, "ringing", 1, now - 400, null).statusCode()).isEqualTo(200);
    assertThat(twilio(sid, "completed", 2, now - 300, "75").statusCode()).isEqualTo(200);
    HttpResponse<String> wrapUp =
        gateway.api(
            "POST",
            "/v1/calls/twilio:" + sid + "/wrap-up",
            "{\"outcome\":\"resolved\",\"reference\":\"CASE-311\",\"next_steps\":\"Courier.\"}",
            Map.of());
    assertThat(wrapUp.statusCode()).as(wrapUp.body()).isEqualTo(202);
    String summaryId =
        InboundGateway.JSON.readTree(wrapUp.body()).path("summary").path("message_id").asText();
    gateway.awaitMessage(summaryId, view -> view.path("status").asText().equals("read"));

    // AND the customer is erased
    HttpResponse<String> erased = gateway.api("DELETE", "/v1/customers/" + WA_ID, null, Map.of());
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

    // THEN each stored event is on /local/events, newest last
    List<JsonNode> events =
        awaitEvents(list -> types(list).contains("customer.erased"), Duration.ofSeconds(30));
    assertThat(types(events))
        .startsWith("message.received", "message.received")
        .endsWith("customer.erased");
    assertThat(of(events, "message.received"))
        .extracting(event -> event.path("data").path("wamid").asText())
        .containsExactly("wamid.events-1", "wamid.events-2");
    assertThat(of(events, "message.received"))
        .allSatisfy(
            event -> assertThat(event.path("data").path("customer_ref").asText()).isEqualTo(ref));
    List<String> replyStatuses =
        of(events, "message.status_changed").stream()
            .filter(event -> event.path("data").path("message_id").asText().equals(replyId))
            .map(event -> event.path("data").path("status").asText())
            .toList();
    assertThat(replyStatuses).contains("sent", "delivered", "read");
    assertThat(replyStatuses.indexOf("read")).isGreaterThan(replyStatuses.indexOf("sent"));
    JsonNode callEnded = single(events, "call.ended");
    assertThat(callEnded.path("data").path("provider").asText()).isEqualTo("twilio");
    assertThat(callEnded.path("data").path("provider_call_id").asText()).isEqualTo(sid);
    assertThat(callEnded.path("data").path("outcome").asText()).isEqualTo("completed");
    assertThat(callEnded.path("data").path("duration_s").asLong()).isEqualTo(75);
    JsonNode summary = single(events, "summary.sent");
    assertThat(summary.path("data").path("message_id").asText()).isEqualTo(summaryId);
    assertThat(summary.path("data").path("call_id").asText())
        .isEqualTo(callEnded.path("data").path("call_id").asText());
    assertThat(of(events, "message.status_changed"))
        .as("the summary's later statuses are status changes")
        .anySatisfy(
            event ->
                assertThat(event.path("data").path("message_id").asText()).isEqualTo(summaryId));
    JsonNode erasure = single(events, "customer.erased");
    assertThat(erasure.path("data").path("customer_ref").asText()).isEqualTo(ref);
    assertThat(erasure.path("data").path("items_deleted").asLong()).isPositive();
    // AND every event has the envelope and validates against the published schema, and none
    // carries the number or a body by default
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(
                Files.readString(
                    Path.of(System.getProperty("frontdoor.root", ".."))
                        .resolve("docs/events.schema.json")));
    for (JsonNode event : events) {
      assertThat(schema.validate(event)).as(event.toString()).isEmpty();
      assertThat(event.path("version").asText()).isEqualTo("1");
      assertThat(event.path("source").asText()).isEqualTo("frontdoor");
      assertThat(event.path("id").asText()).startsWith("evt_");
      assertThat(Instant.parse(event.path("time").asText())).isAfter(Instant.EPOCH);
      assertThat(event.toString())
          .doesNotContain("845550311")
          .doesNotContain("where is 48213")
          .doesNotContain("We found it")
          .doesNotContain("CASE-311");
    }
    assertThat(events.stream().map(event -> event.path("id").asText()).distinct())
        .hasSameSizeAs(events);

    // AND every event reached the receiver, signed, and was accepted exactly once
    Set<String> ids =
        events.stream().map(event -> event.path("id").asText()).collect(Collectors.toSet());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!receiver.acceptedIds().containsAll(ids) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(receiver.acceptedIds()).containsAll(ids);
    assertThat(receiver.attempts)
        .allSatisfy(attempt -> assertThat(attempt.validSignature()).isTrue());
    assertThat(receiver.attempts.stream().filter(Attempt::accepted).map(Attempt::id))
        .as("no event accepted twice")
        .doesNotHaveDuplicates();
    // the first event: answered 503 after it was held, then delivered again with the same id
    // (the held request is recorded when it answers, after others that went past it)
    List<Attempt> refused = receiver.attempts.stream().filter(a -> a.status() == 503).toList();
    assertThat(refused).hasSize(1);
    Attempt first = refused.get(0);
    assertThat(first.type()).isEqualTo("message.received");
    assertThat(receiver.attempts.stream().filter(a -> a.id().equals(first.id())))
        .extracting(Attempt::status)
        .containsExactly(503, 200);
    assertThat(receiver.attempts.stream().filter(a -> a.id().equals(first.id())))
        .extracting(Attempt::body)
        .as("the retry is the same event")
        .containsOnly(first.body());
    String failed = get("/local/events?failed");
    assertThat(InboundGateway.JSON.readTree(failed)).isEmpty();
    System.out.printf(
        "events: %d published, %d delivery attempts, ingest while the receiver held: %d ms%n",
        events.size(), receiver.attempts.size(), ingestMillis);
  }

  @Test
  void eventsRoute_isJson_andFailedIsAList() throws Exception {
    assertThat(InboundGateway.JSON.readTree(get("/local/events")).isArray()).isTrue();
    assertThat(InboundGateway.JSON.readTree(get("/local/events?failed")).isArray()).isTrue();
  }

  private static List<JsonNode> awaitEvents(Predicate<List<JsonNode>> until, Duration atMost)
      throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    List<JsonNode> events = List.of();
    while (System.nanoTime() < deadline) {
      events = new ArrayList<>();
      InboundGateway.JSON.readTree(get("/local/events")).forEach(events::add);
      if (until.test(events)) {
        return events;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("events never got there: " + types(events));
  }

  private static String get(String path) {
    HttpResponse<String> response = gateway.api("GET", path, null, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(event -> event.path("type").asText()).toList();
  }

  private static List<JsonNode> of(List<JsonNode> events, String type) {
    return events.stream().filter(event -> event.path("type").asText().equals(type)).toList();
  }

  private static JsonNode single(List<JsonNode> events, String type) {
    List<JsonNode> found = of(events, type);
    assertThat(found).as(type).hasSize(1);
    return found.get(0);
  }

  private static HttpResponse<String> twilio(
      String sid, String status, int sequence, long epochSecond, String duration) throws Exception {
    return TwilioCallbacks.signed(
        gateway,
        TwilioCallbacks.callback(sid, status, sequence, epochSecond, duration, E164),
        TWILIO_TOKEN);
  }

  private static String secret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  record Attempt(String id, String type, String body, int status, boolean validSignature) {
    boolean accepted() {
      return status == 200;
    }
  }

  /** A receiver of the events webhook: verifies, holds the first request, then answers 503. */
  static final class Receiver {
    final HttpServer server;
    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final Webhook verifier = new Webhook(SECRET);

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.createContext(
          "/events",
          exchange -> {
            try (exchange) {
              String body =
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
              boolean valid;
              try {
                verifier.verify(body, exchange.getRequestHeaders());
                valid = true;
              } catch (WebhookVerificationException e) {
                valid = false;
              }
              String type = InboundGateway.JSON.readTree(body).path("type").asText();
              int status = 200;
              if (requests.incrementAndGet() == 1) {
                holding.countDown();
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                status = 503;
              } else if (!valid) {
                status = 400;
              }
              attempts.add(
                  new Attempt(
                      exchange.getRequestHeaders().getFirst("webhook-id"),
                      type,
                      body,
                      status,
                      valid));
              exchange.sendResponseHeaders(status, -1);
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    Set<String> acceptedIds() {
      return attempts.stream()
          .filter(Attempt::accepted)
          .map(Attempt::id)
          .collect(Collectors.toSet());
    }
  }
}
