package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.infra.sandbox.AcceptedMessage;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.outbound.delivery.SenderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of sends while the Graph API answers 5xx, 429, 130429, permanent errors, resets the
 * connection after reading the request, or answers too late for the client: every send must end
 * sent (with a wamid), failed with its error, or in the dead-letter queue; a message sent twice
 * only where its outcome had been unknown (counted). Scale with -Dfrontdoor.suite.scale.
 */
class SendFaultsIT {
  private static final int SCALE = Integer.getInteger("frontdoor.suite.scale", 1);
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;
  private static final String RETRY_CAP_SECONDS = "16";
  private static final SenderSettings SETTINGS =
      SenderSettings.defaults()
          .withRetries(
              SenderSettings.defaults().maxAttempts(),
              SenderSettings.defaults().maxReceives(),
              Integer.parseInt(RETRY_CAP_SECONDS));

  /**
   * A retried send may rest a whole backoff, then take a Graph API timeout and the grace for an
   * unknown outcome, before it settles: no message settling for longer than that (plus a margin for
   * a busy machine) means one is stuck.
   */
  private static final Duration QUIET =
      Duration.ofSeconds(SETTINGS.longestBackoffSeconds() + 1 + 2 + 20);

  /** The Graph API error code each failed message recorded. */
  private static final Map<String, Integer> FAILED_WITH =
      new java.util.concurrent.ConcurrentHashMap<>();

  @TempDir static Path dataDir;
  private static InboundGateway gateway;
  private static SandboxGraphApi graph;

  @BeforeAll
  static void start() throws Exception {
    gateway =
        new InboundGateway(
            dataDir,
            Map.of(
                "GRAPH_API_TIMEOUT_MS", "800",
                "SEND_UNKNOWN_GRACE_SECONDS", "2",
                "WA_THROUGHPUT_MPS", "200",
                "SEND_RETRY_MAX_SECONDS", RETRY_CAP_SECONDS));
    graph = gateway.gateway.sandbox().orElseThrow();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void sendsUnderGraphApiFaults_endSentFailedOrDeadLetteredAndAreNeverLost() throws Exception {
    int count = 300 * SCALE;
    Map<String, String> customerOf = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String waId = String.format("2787%07d", i);
      gateway.deliver(Webhooks.text("wamid.faults-" + i, waId, NOW_S, "hello"));
    }
    // GIVEN faults injected while the sends flow
    AtomicBoolean injecting = new AtomicBoolean(true);
    Map<String, Integer> injected = new HashMap<>();
    Thread faults = new Thread(() -> inject(injecting, injected), "fault-injector");
    faults.start();
    // WHEN every customer gets a reply
    for (int i = 0; i < count; i++) {
      String waId = String.format("2787%07d", i);
      String body =
          "{\"to\":\""
              + waId
              + "\",\"business_number_id\":\""
              + Webhooks.PHONE_NUMBER_ID
              + "\",\"type\":\"text\",\"text\":{\"body\":\"reply "
              + i
              + "\"}}";
      var response = gateway.api("POST", "/v1/messages", body, Map.of());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      customerOf.put(InboundGateway.JSON.readTree(response.body()).get("id").asText(), waId);
    }
    Thread.sleep(3000);
    injecting.set(false);
    faults.join();
    // THEN each one settles: sent, failed with its error, or dead-lettered
    long settling = System.nanoTime();
    Map<String, String> endState = settle(customerOf.keySet());
    long settledInSeconds = (System.nanoTime() - settling) / 1_000_000_000;
    Map<String, Long> outcomes =
        endState.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    Map<String, Long> acceptedPerMessage =
        graph.accepted().stream()
            .filter(m -> customerOf.containsKey(m.bizOpaqueCallbackData()))
            .collect(
                Collectors.groupingBy(
                    AcceptedMessage::bizOpaqueCallbackData, Collectors.counting()));
    int duplicates = 0;
    for (Map.Entry<String, Long> sent : acceptedPerMessage.entrySet()) {
      if (sent.getValue() > 1) {
        assertThat(hadUnknownOutcome(sent.getKey(), customerOf.get(sent.getKey())))
            .as(
                "message "
                    + sent.getKey()
                    + " sent "
                    + sent.getValue()
                    + " times without an unknown outcome")
            .isTrue();
        duplicates += sent.getValue() - 1;
      }
    }
    System.out.printf(
        "FIGURE send faults: %d sends under injected faults %s -> end states %s after %d s of"
            + " settling (quiet window %d s), documented duplicates %d, lost 0%n",
        count, injected, outcomes, settledInSeconds, QUIET.toSeconds(), duplicates);
    assertThat(outcomes.getOrDefault("unsettled", 0L)).as("lost or stuck sends").isZero();
    // Failed only by the never-retry error, each with it, and one message for each injection
    // that reached a request; the sandbox's own limits (not injected faults) never refused one.
    assertThat(FAILED_WITH.values()).as("failed messages' error codes").containsOnly(131026);
    assertThat(outcomes.getOrDefault("failed", 0L))
        .isEqualTo(graph.faults().injected().getOrDefault("400/131026", 0).longValue());
    assertThat(graph.throughputRejections()).as("answers 130429 of the sandbox's own").isZero();
    assertThat(graph.pairRateRejections()).as("answers 131056").isZero();
    for (String id : customerOf.keySet()) {
      if (endState.get(id).equals("sent")) {
        assertThat(acceptedPerMessage.getOrDefault(id, 0L)).as(id).isPositive();
      }
    }
  }

  private static void inject(AtomicBoolean injecting, Map<String, Integer> injected) {
    Random random = new Random(11);
    while (injecting.get()) {
      String kind;
      switch (random.nextInt(7)) {
        case 0 -> {
          graph.faults().failNext(1, 503, 131000, "(#131000) Something went wrong");
          kind = "503";
        }
        case 1 -> {
          graph.faults().failNext(1, 429, 4, "(#4) Application request limit reached");
          kind = "429";
        }
        case 2 -> {
          graph.faults().failNext(1, 400, 130429, "(#130429) Rate limit hit");
          kind = "130429";
        }
        case 3 -> {
          graph.faults().failNext(1, 400, 131026, "(#131026) Message undeliverable");
          kind = "131026";
        }
        case 4 -> {
          graph.faults().disconnectNext(1);
          kind = "reset";
        }
        case 5 -> {
          graph.faults().delayNext(1, Duration.ofMillis(1500));
          kind = "late_answer";
        }
        default -> {
          kind = "none";
        }
      }
      synchronized (injected) {
        injected.merge(kind, 1, Integer::sum);
      }
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Polls until every message has a wamid, is failed, or was dead-lettered, for as long as messages
   * keep settling; those still open after a quiet window are unsettled.
   */
  private static Map<String, String> settle(Iterable<String> ids) throws Exception {
    Map<String, String> state = new LinkedHashMap<>();
    List<String> open = new ArrayList<>();
    ids.forEach(open::add);
    ProgressWait.untilNoneOpen(
        () -> {
          List<String> still = new ArrayList<>();
          for (String id : open) {
            String end = endState(id);
            if (end == null) {
              still.add(id);
            } else {
              state.put(id, end);
            }
          }
          open.retainAll(still);
          return open.size();
        },
        QUIET,
        Duration.ofMillis(500));
    open.forEach(id -> state.put(id, "unsettled"));
    return state;
  }

  private static String endState(String id) throws Exception {
    JsonNode view =
        InboundGateway.JSON.readTree(
            gateway.api("GET", "/v1/messages/" + id, null, Map.of()).body());
    if (view.has("wamid")) {
      return "sent";
    }
    return switch (view.path("status").asText()) {
      case "failed" -> {
        FAILED_WITH.put(id, view.path("error").path("code").asInt(-1));
        yield "failed";
      }
      case "dead_lettered" -> "dead_lettered";
      default -> null;
    };
  }

  private static boolean hadUnknownOutcome(String messageId, String waId) {
    return gateway.partition("CUST#+" + waId).stream()
        .filter(
            item -> item.containsKey("message_id") && item.get("message_id").s().equals(messageId))
        .anyMatch(item -> item.containsKey("unknown_at"));
  }
}
