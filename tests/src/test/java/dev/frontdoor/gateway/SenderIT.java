package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.infra.sandbox.AcceptedMessage;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.testing.Sensitive;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole outbound round trip on the local gateway: send API, FIFO queue, the sender function
 * (through the local SQS event source), the sandbox Graph API, and its signed status webhooks back
 * through ingest.
 */
class SenderIT {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;
  private static final long PAIR_INTERVAL_MS = 1500;

  @TempDir static Path dataDir;
  private static InboundGateway gateway;
  private static SandboxGraphApi graph;

  @BeforeAll
  static void start() throws Exception {
    gateway =
        new InboundGateway(
            dataDir,
            Map.of("PAIR_INTERVAL_MS", Long.toString(PAIR_INTERVAL_MS), "PAIR_BURST", "2"));
    graph = gateway.gateway.sandbox().orElseThrow();
  }

  @BeforeEach
  void clearFaults() {
    graph.faults().clear();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void send_insideTheWindow_isSentOnceAndConvergesOnReadFromMetasWebhooks() throws Exception {
    String waId = "27840000001";
    gateway.deliver(Webhooks.text("wamid.sender-1", waId, NOW_S, "hello"));
    String id = send(waId, Sensitive.OUTBOUND_BODY);
    JsonNode message = gateway.awaitMessage(id, m -> m.path("status").asText().equals("read"));
    assertThat(message.get("wamid").asText()).startsWith("wamid.");
    assertThat(message.get("status_history").fieldNames())
        .toIterable()
        .contains("queued", "sending", "sent", "delivered", "read");
    List<AcceptedMessage> sent = sentTo(waId);
    assertThat(sent)
        .singleElement()
        .satisfies(m -> assertThat(m.bizOpaqueCallbackData()).isEqualTo(id));
  }

  @Test
  void send_windowClosedAtMeta_isRecordedFailedWithTheErrorAndNeverRetried() throws Exception {
    String waId = "27840000002";
    gateway.deliver(Webhooks.text("wamid.sender-2", waId, NOW_S, "hello"));
    graph.faults().failNext(1, 400, 131047, "(#131047) Re-engagement message");
    String id = send(waId, "Late reply");
    JsonNode message = gateway.awaitMessage(id, m -> m.path("status").asText().equals("failed"));
    assertThat(message.get("error").get("code").asInt()).isEqualTo(131047);
    Thread.sleep(3000);
    assertThat(sentTo(waId)).isEmpty();
    assertThat(view(id).get("status").asText()).isEqualTo("failed");
  }

  @Test
  void send_serverErrorsThenSuccess_isRetriedAndSentOnce() throws Exception {
    String waId = "27840000003";
    gateway.deliver(Webhooks.text("wamid.sender-3", waId, NOW_S, "hello"));
    graph.faults().failNext(2, 503, 131000, "(#131000) Something went wrong");
    String id = send(waId, "After a hiccup");
    gateway.awaitMessage(id, m -> m.has("wamid"));
    assertThat(sentTo(waId)).hasSize(1);
  }

  @Test
  void send_twoMessagesToOneCustomer_keepTheirOrderThroughThePairRateLimit() throws Exception {
    String waId = "27840000004";
    gateway.deliver(Webhooks.text("wamid.sender-4", waId, NOW_S, "hello"));
    String first = send(waId, "first");
    String second = send(waId, "second");
    gateway.awaitMessage(second, m -> m.has("wamid"));
    assertThat(sentTo(waId))
        .extracting(AcceptedMessage::bizOpaqueCallbackData)
        .containsExactly(first, second);
  }

  @Test
  void send_sixMessagesToOneCustomer_arePacedToThePairRateInOrder() throws Exception {
    // GIVEN a pair rate of one message per 1.5 s with bursts of 2
    String waId = "27840000005";
    gateway.deliver(Webhooks.text("wamid.sender-5", waId, NOW_S, "hello"));

    // WHEN six messages are sent to the customer at once
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(send(waId, "paced " + i));
    }
    gateway.awaitMessage(ids.get(5), m -> m.has("wamid"));

    // THEN they went in order, the first two back to back and each later one a pair interval
    // after the one two places before it (the burst's borrowing paid back)
    List<AcceptedMessage> sent = sentTo(waId);
    assertThat(sent)
        .extracting(AcceptedMessage::bizOpaqueCallbackData)
        .containsExactlyElementsOf(ids);
    long first = sent.get(0).acceptedAt().toEpochMilli();
    for (int i = 2; i < sent.size(); i++) {
      long sinceFirst = sent.get(i).acceptedAt().toEpochMilli() - first;
      assertThat(sinceFirst)
          .as("message %d after the first", i)
          .isGreaterThanOrEqualTo((i - 1) * PAIR_INTERVAL_MS - 50);
    }
    System.out.printf(
        "FIGURE pair pacing (interval %d ms, burst 2): 6 sends to one customer spanned %d ms, in order%n",
        PAIR_INTERVAL_MS, sent.get(5).acceptedAt().toEpochMilli() - first);
  }

  @Test
  void send_refusedForThroughput_pausesTheSharedScheduleAndIsSentAfter() throws Exception {
    // GIVEN Meta refusing the next send with 130429 (another system also sends from this number)
    String waId = "27840000006";
    gateway.deliver(Webhooks.text("wamid.sender-6", waId, NOW_S, "hello"));
    graph.faults().failNext(1, 400, 130429, "(#130429) Rate limit hit");
    long before = System.currentTimeMillis() * 1000;

    // WHEN a reply is sent
    String id = send(waId, "after a throughput refusal");
    gateway.awaitMessage(id, m -> m.has("wamid"));

    // THEN the number's schedule, shared by every sender instance, was paused for a second, and
    // the reply went once, after the pause
    var schedule = gateway.partition("RATE#" + Webhooks.PHONE_NUMBER_ID);
    assertThat(schedule)
        .singleElement()
        .satisfies(item -> assertThat(item).containsKey("paused_until"));
    long pausedUntil = Long.parseLong(schedule.get(0).get("paused_until").n());
    assertThat(pausedUntil).isBetween(before + 1_000_000, before + 10_000_000);
    assertThat(sentTo(waId))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.acceptedAt().toEpochMilli() * 1000)
                    .isGreaterThanOrEqualTo(pausedUntil));
  }

  @Test
  void template_toACustomerWhoNeverWrote_isSentAndTheThreadReads() throws Exception {
    // GIVEN a customer with no inbound message (pacing creates their pacing item alone)
    String waId = "27840000007";
    var response = gateway.api("POST", "/v1/messages", template(waId), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String id = InboundGateway.JSON.readTree(response.body()).get("id").asText();

    // WHEN it is sent
    gateway.awaitMessage(id, m -> m.has("wamid"));

    // THEN the thread reads, with the message and no service window
    var thread = gateway.api("GET", "/v1/threads/" + waId, null, Map.of());
    assertThat(thread.statusCode()).as(thread.body()).isEqualTo(200);
    assertThat(thread.body()).contains(id);
  }

  @Test
  void template_queuedBeforeTheCustomerSentStop_isNeverSent() throws Exception {
    // GIVEN a template the API accepted, whose first attempt the Graph API refused (503), so it
    // waits in the queue's backoff
    String waId = "27840000008";
    int refusedBefore = graph.faults().injected().getOrDefault("503/131000", 0);
    graph.faults().failNext(100, 503, 131000, "(#131000) Something went wrong");
    var response = gateway.api("POST", "/v1/messages", template(waId), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String id = InboundGateway.JSON.readTree(response.body()).get("id").asText();

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (graph.faults().injected().getOrDefault("503/131000", 0) == refusedBefore
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(graph.faults().injected().get("503/131000")).isGreaterThan(refusedBefore);

    // WHEN the customer sends STOP meanwhile, and the Graph API would accept again
    gateway.deliver(Webhooks.text("wamid.sender-8", waId, NOW_S + 30, "STOP"));
    graph.faults().clear();

    // THEN the sender does not send it: failed, with Frontdoor's reason, and nothing reached Meta
    JsonNode message = gateway.awaitMessage(id, m -> m.path("status").asText().equals("failed"));
    assertThat(message.get("error").get("source").asText()).isEqualTo("frontdoor");
    assertThat(message.get("error").get("reason").asText()).isEqualTo("opted_out");
    assertThat(message.has("wamid")).isFalse();
    Thread.sleep(2000);
    assertThat(sentTo(waId)).isEmpty();
  }

  private static String template(String waId) {
    return "{\"to\":\"%s\",\"business_number_id\":\"%s\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}}"
        .formatted(waId, Webhooks.PHONE_NUMBER_ID);
  }

  private static List<AcceptedMessage> sentTo(String waId) {
    return graph.accepted().stream().filter(m -> m.waId().equals(waId)).toList();
  }

  private static String send(String waId, String body) throws Exception {
    var response = gateway.api("POST", "/v1/messages", SendRequests.text(waId, body), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return InboundGateway.JSON.readTree(response.body()).get("id").asText();
  }

  private static JsonNode view(String id) throws Exception {
    return InboundGateway.JSON.readTree(
        gateway.api("GET", "/v1/messages/" + id, null, Map.of()).body());
  }
}
