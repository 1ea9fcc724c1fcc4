package dev.frontdoor.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.Secret;
import dev.frontdoor.gateway.ProgressWait;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.infra.sandbox.AcceptedMessage;
import dev.frontdoor.infra.sandbox.Faults;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import dev.frontdoor.local.GatewayProcess.Running;
import dev.frontdoor.testing.Sensitive;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's process-level half (README, reliability): thousands of sends through {@code
 * bin/gateway} while its process (the sender, its dynalite child and ElasticMQ together) is killed
 * with SIGKILL at random moments and started again on the same data, and the Graph API (a sandbox
 * in this JVM, speaking Meta's wire format) answers 503, 429, 130429 and 131026, drops connections
 * and answers after the sender's timeout. Every send the API accepted must end sent, failed with
 * its error, or dead-lettered with its reason; none lost; a message sent twice only where the
 * gateway logged it as a possible duplicate. {@code -Dfrontdoor.suite.scale=N} multiplies sends and
 * kills.
 */
class SenderCrashIT {
  private static final int SCALE = Integer.getInteger("frontdoor.suite.scale", 1);
  private static final int CUSTOMERS = 200 * SCALE;
  private static final int PER_CUSTOMER = 10;
  private static final int KILLS = 5 * SCALE;
  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /**
   * How long a run may go without one more send answered or settled before it counts as stuck: a
   * kill and restart (under 30 s here), then the 15 s lease of a send the kill cut off, its 3 s
   * unknown-outcome grace and a 2 s backoff, with room for a busy machine. A bigger scale runs
   * longer, never quieter.
   */
  private static final Duration QUIET = Duration.ofSeconds(120);

  private static final Pattern POSSIBLE_DUPLICATE =
      Pattern.compile("\"send\\.possible_duplicate\".*?\"message_id\":\"([0-9A-Z]{26})\"");

  @TempDir Path dataDir;
  private final List<Path> outputs = new ArrayList<>();
  private volatile Running gateway;
  private SandboxGraphApi graph;
  private int port;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.process().destroy();
      gateway.process().waitFor(30, TimeUnit.SECONDS);
    }
    if (graph != null) {
      graph.close();
    }
  }

  @Test
  void sendsWhileTheGatewayIsKilledAndTheGraphApiFails_allEndAndNoneIsLost() throws Exception {
    port = GatewayProcess.freePort();
    graph =
        SandboxGraphApi.start(
            SandboxOptions.defaults(Sensitive.META_ACCESS_TOKEN)
                .withMessagesPerSecond(200)
                .withPairRate(Duration.ofMillis(80), 5)
                .withWebhooks(
                    URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"),
                    Secret.of(Sensitive.APP_SECRET))
                .withStatusDelays(
                    Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(50))
                // Meta retries webhooks for days; a dozen tries over ~200 s outlast any restart.
                .withWebhookAttempts(12));
    restart();
    // GIVEN customers who wrote in (their service windows are open)
    for (int c = 0; c < CUSTOMERS; c++) {
      assertThat(deliverInbound(c)).isEqualTo(200);
    }
    graph
        .faults()
        .randomly(
            0.15,
            7,
            List.of(
                new Faults.Error(503, 131000, "(#131000) Something went wrong"),
                new Faults.Error(429, 4, "(#4) Application request limit reached"),
                new Faults.Error(400, 130429, "(#130429) Rate limit hit"),
                new Faults.Error(400, 131026, "(#131026) Message undeliverable"),
                new Faults.Disconnect(),
                new Faults.Delay(Duration.ofMillis(2500))));

    // WHEN every customer gets ten replies through the send API while the gateway is killed at
    // random moments and restarted
    AtomicBoolean sending = new AtomicBoolean(true);
    Map<String, Integer> kills = new TreeMap<>();
    Thread killer = new Thread(() -> killAtRandom(sending, kills), "gateway-killer");
    killer.start();
    long submitting = System.nanoTime();
    Map<String, List<String>> idsByCustomer = sendAll();
    long submittedInSeconds = (System.nanoTime() - submitting) / 1_000_000_000;
    sending.set(false);
    killer.join();

    // THEN each send ends sent, failed with its error, or dead-lettered with its reason
    long settling = System.nanoTime();
    Map<String, JsonNode> ends = settle(idsByCustomer);
    long settledInSeconds = (System.nanoTime() - settling) / 1_000_000_000;
    graph.faults().clear();
    Map<String, Long> outcomes =
        ends.values().stream()
            .collect(
                Collectors.groupingBy(SenderCrashIT::outcome, TreeMap::new, Collectors.counting()));
    Map<String, Long> sendsPerMessage =
        graph.accepted().stream()
            .filter(m -> m.bizOpaqueCallbackData() != null)
            .collect(
                Collectors.groupingBy(
                    AcceptedMessage::bizOpaqueCallbackData, Collectors.counting()));
    Set<String> possibleDuplicates = possibleDuplicatesLogged();
    long duplicates = 0;
    for (Map.Entry<String, Long> sent : sendsPerMessage.entrySet()) {
      if (sent.getValue() > 1) {
        duplicates += sent.getValue() - 1;
        assertThat(possibleDuplicates)
            .as(
                "message %s sent %d times without a logged possible duplicate",
                sent.getKey(), sent.getValue())
            .contains(sent.getKey());
      }
    }
    sendsPerMessage.forEach(
        (id, sends) -> {
          if (sends > 1) {
            System.out.println("DUPLICATE " + id + " x" + sends);
          }
        });
    int total = CUSTOMERS * PER_CUSTOMER;
    System.out.printf(
        "FIGURE sender crash suite: %d sends, bin/gateway killed %d times (SIGKILL, dynalite"
            + " + ElasticMQ restarted with it) %s, Graph API faults %s -> %s, sent twice %d"
            + " (possible duplicates logged %d), lost 0; submitted in %d s, settled %d s later;"
            + " the sandbox's own refusals: %d x 130429, %d x 131056%n",
        total,
        kills.size(),
        kills.keySet(),
        graph.faults().injected(),
        outcomes,
        duplicates,
        possibleDuplicates.size(),
        submittedInSeconds,
        settledInSeconds,
        graph.throughputRejections(),
        graph.pairRateRejections());
    assertThat(outcomes).doesNotContainKey("unsettled");
    // The number's limit holds across kills: the schedule lives in the table, not in a process.
    assertThat(graph.throughputRejections()).as("answers 130429 of the sandbox's own").isZero();
    assertThat(graph.pairRateRejections()).as("answers 131056").isZero();
    assertThat(kills).hasSize(KILLS);
    for (Map.Entry<String, JsonNode> end : ends.entrySet()) {
      JsonNode view = end.getValue();
      switch (outcome(view)) {
        case "sent" ->
            assertThat(sendsPerMessage.getOrDefault(end.getKey(), 0L))
                .as(end.getKey())
                .isPositive();
        case "failed" -> assertThat(view.path("error").path("code").asInt()).isEqualTo(131026);
        default -> assertThat(view.path("dead_letter_reason").asText()).isNotBlank();
      }
    }
    assertOrderKept(idsByCustomer, ends, sendsPerMessage);
  }

  /** Customers whose replies all went exactly once received them in the order they were sent. */
  private void assertOrderKept(
      Map<String, List<String>> idsByCustomer,
      Map<String, JsonNode> ends,
      Map<String, Long> sendsPerMessage) {
    Map<String, List<String>> received = new HashMap<>();
    for (AcceptedMessage message : graph.accepted()) {
      received
          .computeIfAbsent(message.waId(), k -> new ArrayList<>())
          .add(message.bizOpaqueCallbackData());
    }
    int checked = 0;
    for (Map.Entry<String, List<String>> customer : idsByCustomer.entrySet()) {
      List<String> ids = customer.getValue();
      boolean clean =
          ids.stream()
              .allMatch(id -> outcome(ends.get(id)).equals("sent") && sendsPerMessage.get(id) == 1);
      if (clean) {
        assertThat(received.get(customer.getKey()))
            .as(customer.getKey())
            .containsExactlyElementsOf(ids);
        checked++;
      }
    }
    assertThat(checked).as("customers with every reply sent once").isPositive();
  }

  private static String outcome(JsonNode view) {
    if (view == null) {
      return "unsettled";
    }
    if (view.has("wamid")) {
      return "sent";
    }
    return switch (view.path("status").asText()) {
      case "failed" -> "failed";
      case "dead_lettered" -> "dead_lettered";
      default -> "unsettled";
    };
  }

  /** Four clients, each owning a quarter of the customers, send each customer's replies in turn. */
  private Map<String, List<String>> sendAll() throws Exception {
    Map<String, List<String>> ids = new ConcurrentHashMap<>();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int client = t;
      running.add(
          clients.submit(
              () -> {
                for (int k = 0; k < PER_CUSTOMER; k++) {
                  for (int c = client; c < CUSTOMERS; c += 4) {
                    ids.computeIfAbsent(waId(c), w -> new ArrayList<>())
                        .add(sendUntilAnswered(c, k));
                    answered.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    int total = CUSTOMERS * PER_CUSTOMER;
    boolean allAnswered =
        ProgressWait.untilNoneOpen(
            () -> {
              for (Future<?> future : running) {
                if (future.isDone()) {
                  future.get(); // a client's failure fails the test with its own message
                }
              }
              return total - answered.get();
            },
            QUIET,
            Duration.ofMillis(500));
    clients.shutdownNow();
    assertThat(allAnswered)
        .as("sends answered: %d of %d, none for %s", answered.get(), total, QUIET)
        .isTrue();
    return ids;
  }

  /**
   * One send, retried with the same Idempotency-Key until the gateway answers it (a client's duty
   * when the answer is lost): a kill in the middle must neither lose it nor queue it twice.
   */
  private String sendUntilAnswered(int customer, int k) throws Exception {
    String body =
        "{\"to\":\"%s\",\"business_number_id\":\"%s\",\"type\":\"text\",\"text\":{\"body\":\"reply %d\"}}"
            .formatted(waId(customer), PHONE_NUMBER_ID, k);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + Sensitive.API_TOKEN)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "crash-" + customer + "-" + k)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
          return JSON.readTree(response.body()).get("id").asText();
        }
        assertThat(response.statusCode()).as(response.body()).isGreaterThanOrEqualTo(500);
      } catch (IOException e) {
        // the gateway is down or was killed mid-request: ask again
      }
      Thread.sleep(200);
    }
    throw new AssertionError("send " + customer + "/" + k + " was never answered");
  }

  private void killAtRandom(AtomicBoolean sending, Map<String, Integer> kills) {
    Random random = new Random(3);
    try {
      while (kills.size() < KILLS) {
        Thread.sleep(2_000 + random.nextInt(4_000));
        gateway.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        kills.put((sending.get() ? "while sending #" : "while draining #") + (kills.size() + 1), 1);
        restart();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void restart() throws Exception {
    Path output =
        Files.createDirectories(Paths.root().resolve("tests/target/bin-gateway"))
            .resolve("sender-crash-" + outputs.size() + ".out");
    outputs.add(output);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("GRAPH_API_URL", graph.baseUri().toString());
    settings.put("META_ACCESS_TOKEN", Sensitive.META_ACCESS_TOKEN);
    settings.put("META_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
    settings.put("WA_THROUGHPUT_MPS", "200");
    settings.put("GRAPH_API_TIMEOUT_MS", "1500");
    settings.put("SEND_LEASE_SECONDS", "15");
    settings.put("SEND_UNKNOWN_GRACE_SECONDS", "3");
    settings.put("SEND_RETRY_MAX_SECONDS", "2");
    settings.put("PAIR_INTERVAL_MS", "100");
    settings.put("PAIR_BURST", "5");
    gateway = GatewayProcess.start(GatewayProcess.command(port, dataDir, settings), output);
  }

  /**
   * Polls every message until it ends, for as long as messages keep ending; those that never do
   * stay absent.
   */
  private Map<String, JsonNode> settle(Map<String, List<String>> idsByCustomer) throws Exception {
    Map<String, JsonNode> ends = new HashMap<>();
    Set<String> open = new HashSet<>();
    idsByCustomer.values().forEach(open::addAll);
    ProgressWait.untilNoneOpen(
        () -> {
          for (String id : new ArrayList<>(open)) {
            JsonNode view = view(id);
            if (!outcome(view).equals("unsettled")) {
              ends.put(id, view);
              open.remove(id);
            }
          }
          return open.size();
        },
        QUIET,
        Duration.ofSeconds(1));
    return ends;
  }

  private JsonNode view(String id) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages/" + id))
                .header("Authorization", "Bearer " + Sensitive.API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private Set<String> possibleDuplicatesLogged() throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path output : outputs) {
      Matcher matcher = POSSIBLE_DUPLICATE.matcher(Files.readString(output));
      while (matcher.find()) {
        ids.add(matcher.group(1));
      }
    }
    return ids;
  }

  private int deliverInbound(int customer) throws Exception {
    byte[] body =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"27105550100\","
                + "\"phone_number_id\":\""
                + PHONE_NUMBER_ID
                + "\"},\"messages\":[{\"from\":\""
                + waId(customer)
                + "\",\"id\":\"wamid.crash-"
                + customer
                + "\",\"timestamp\":\""
                + (System.currentTimeMillis() / 1000 - 60)
                + "\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}]}}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header(
                    "X-Hub-Signature-256",
                    WebhookSignature.sign(body, Secret.of(Sensitive.APP_SECRET)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String waId(int customer) {
    return String.format("2779%07d", customer);
  }
}
