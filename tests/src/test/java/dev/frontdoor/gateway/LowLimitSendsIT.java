package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.infra.sandbox.AcceptedMessage;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.outbound.delivery.ThroughputWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A low limit used as well as a high one: at {@code WA_THROUGHPUT_MPS=10}, 60 messages to 60
 * customers through the local gateway (send API, FIFO queue, the sender's environments each with
 * its own limiter, the sandbox enforcing 10 per second) reach the Graph API in about the 6 s the
 * limit allows, never over it.
 */
class LowLimitSendsIT {
  private static final int LIMIT = 10;
  private static final int CUSTOMERS = 60;
  private static final String SECOND_NUMBER = "106540352240002";

  @TempDir static Path dataDir;
  private static InboundGateway gateway;
  private static SandboxGraphApi graph;

  @BeforeAll
  static void start() throws Exception {
    gateway =
        new InboundGateway(
            dataDir,
            Map.of(
                "WA_THROUGHPUT_MPS",
                Integer.toString(LIMIT),
                "META_PHONE_NUMBER_IDS",
                SECOND_NUMBER));
    graph = gateway.gateway.sandbox().orElseThrow();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void sixtySendsToSixtyCustomers_atTenPerSecond_reachTheGraphApiInAboutSixSeconds()
      throws Exception {
    Instant submitted = Instant.now();
    submitTemplates(CUSTOMERS, "2785", i -> Webhooks.PHONE_NUMBER_ID);
    Instant allSubmitted = Instant.now();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (sent().size() < CUSTOMERS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<AcceptedMessage> sent = sent();
    assertThat(sent).hasSize(CUSTOMERS);
    Instant first = sent.get(0).acceptedAt();
    Instant last = sent.get(sent.size() - 1).acceptedAt();
    double spread = Duration.between(first, last).toMillis() / 1000.0;
    double fromFirstSubmit = Duration.between(submitted, last).toMillis() / 1000.0;
    // The schedule puts 59 intervals between the first and the sixtieth (6.11 s: the spacing
    // keeps 3.4% for late starts and uneven arrivals). The last goes no later than that after the
    // first, or than its own submission, with 3 s to spare for a busy machine (a refused send waits
    // out the 1 s pause and a retry).
    long scheduleMillis = (CUSTOMERS - 1) * ThroughputLimiter.intervalMicros(LIMIT) / 1000;
    System.out.printf(
        "FIGURE 60 sends to 60 customers at %d mps: submitted over %.1f s, first to last at the"
            + " Graph API %.1f s, first submit to last at the Graph API %.1f s (floor %.1f s),"
            + " %d x 130429%n",
        LIMIT,
        Duration.between(submitted, allSubmitted).toMillis() / 1000.0,
        spread,
        fromFirstSubmit,
        scheduleMillis / 1000.0,
        graph.throughputRejections());
    // The sandbox runs in the gateway's JVM: one pause there (GC on a busy machine) delays sends
    // and stamps their arrivals together. One refusal is allowed here, and was seen once in a
    // clean-clone run (it is retried and still counted in the bound below); LimiterIT and the
    // limiter bench hold the limiter itself to none.
    assertThat(graph.throughputRejections()).isLessThanOrEqualTo(1);
    Instant floor = first.plusMillis(scheduleMillis);
    Instant bound = (allSubmitted.isAfter(floor) ? allSubmitted : floor).plusMillis(3_000);
    assertThat(last).isBeforeOrEqualTo(bound);
  }

  @Test
  void twoBusinessNumbers_eachKeepsItsOwnLimit_andNeitherWaitsForTheOther() throws Exception {
    // GIVEN 20 sends from each of two numbers, to 40 customers, submitted at once
    submitTemplates(40, "2786", i -> i % 2 == 0 ? Webhooks.PHONE_NUMBER_ID : SECOND_NUMBER);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (sentFrom("2786").size() < 40 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    // THEN each number stays within its own 10 per second, while together they go faster: the
    // limit is the number's, not the gateway's
    List<AcceptedMessage> sent = sentFrom("2786");
    assertThat(sent).hasSize(40);
    int first = maxInAnyWindow(sent, Webhooks.PHONE_NUMBER_ID);
    int second = maxInAnyWindow(sent, SECOND_NUMBER);
    int together = maxInAnyWindow(sent, null);
    System.out.printf(
        "FIGURE two numbers at %d mps each: most in any 1 s %d and %d, together %d%n",
        LIMIT, first, second, together);
    assertThat(first).isLessThanOrEqualTo(LIMIT);
    assertThat(second).isLessThanOrEqualTo(LIMIT);
    assertThat(together).isGreaterThan(LIMIT);
  }

  /**
   * {@code count} templates to as many customers ({@code prefix} and a serial), each from the
   * number {@code from} gives; submitted from 10 clients at once, so the send API's own pace on a
   * busy machine counts as little as it can.
   */
  private static void submitTemplates(
      int count, String prefix, java.util.function.IntFunction<String> from) throws Exception {
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(10);
    List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String request =
          "{\"to\":\"%s\",\"business_number_id\":\"%s\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}}"
              .formatted(String.format(prefix + "%07d", i), from.apply(i));
      answers.add(
          clients.submit(
              () -> gateway.api("POST", "/v1/messages", request, Map.of()).statusCode()));
    }
    for (var answer : answers) {
      assertThat(answer.get()).isEqualTo(202);
    }
    clients.shutdown();
  }

  private static int maxInAnyWindow(List<AcceptedMessage> sent, String phoneNumberId) {
    return ThroughputWindow.maxInAnyWindow(
        sent.stream()
            .filter(m -> phoneNumberId == null || m.phoneNumberId().equals(phoneNumberId))
            .map(m -> m.acceptedAt().getEpochSecond() * 1_000_000_000L + m.acceptedAt().getNano())
            .sorted()
            .toList());
  }

  private static List<AcceptedMessage> sentFrom(String prefix) {
    return graph.accepted().stream().filter(m -> m.to().startsWith(prefix)).toList();
  }

  private static List<AcceptedMessage> sent() {
    return graph.accepted().stream().filter(m -> m.to().startsWith("2785")).toList();
  }
}
