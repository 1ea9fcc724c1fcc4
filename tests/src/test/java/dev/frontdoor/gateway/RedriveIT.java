package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A send that fails every attempt is dead-lettered with its reason and, redriven, sent exactly
 * once; a redriven message already sent is not sent again.
 */
class RedriveIT {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;

  @TempDir static Path dataDir;
  private static InboundGateway gateway;
  private static SandboxGraphApi graph;

  @BeforeAll
  static void start() throws Exception {
    gateway = new InboundGateway(dataDir, Map.of("SEND_RETRY_MAX_SECONDS", "1"));
    graph = gateway.gateway.sandbox().orElseThrow();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void redrive_deadLetteredSends_areSentOnceAndNeverTwice() throws Exception {
    // GIVEN a message that was sent, and the same message dead-lettered twice (as after a crash)
    String waId = "27860000001";
    gateway.deliver(Webhooks.text("wamid.redrive-1", waId, NOW_S, "hello"));
    var response =
        gateway.api(
            "POST",
            "/v1/messages",
            "{\"to\":\""
                + waId
                + "\",\"business_number_id\":\""
                + Webhooks.PHONE_NUMBER_ID
                + "\",\"type\":\"text\",\"text\":{\"body\":\"once only\"}}",
            Map.of());
    String id = InboundGateway.JSON.readTree(response.body()).get("id").asText();
    gateway.awaitMessage(id, view -> view.has("wamid"));
    String dlq = gateway.gateway.deployment().queues().get("OutboundDeadLetterQueue").url();
    for (int i = 0; i < 2; i++) {
      int copy = i;
      gateway
          .gateway
          .sqs()
          .sendMessage(
              r ->
                  r.queueUrl(dlq)
                      .messageBody("{\"message_id\":\"" + id + "\"}")
                      .messageGroupId("redrive-test")
                      .messageDeduplicationId("copy-" + copy));
    }
    // WHEN the dead-letter queue is redriven
    HttpResponse<String> redriven = redrive();
    // THEN both copies were moved, and the message was still sent exactly once
    assertThat(InboundGateway.JSON.readTree(redriven.body()).get("redriven").asInt()).isEqualTo(2);
    // (the sender finishes both copies at once, as already sent: the outbound queue drains; a
    // resend would instead leave them in flight, retrying against the pair rate limit)
    String outbound = gateway.gateway.deployment().queues().get("OutboundQueue").url();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && inQueue(outbound) > 0) {
      Thread.sleep(100);
    }
    assertThat(inQueue(outbound)).as("copies still in the outbound queue").isZero();
    assertThat(graph.accepted()).filteredOn(m -> id.equals(m.bizOpaqueCallbackData())).hasSize(1);
    assertThat(
            gateway
                .gateway
                .sqs()
                .getQueueAttributes(
                    r -> r.queueUrl(dlq).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings()
                .get("ApproximateNumberOfMessages"))
        .isEqualTo("0");
  }

  @Test
  void send_failingEveryAttempt_isDeadLetteredWithItsReasonAndRedrivenOnce() throws Exception {
    // GIVEN a message whose every one of its 8 attempts meets a 503
    String waId = "27860000002";
    gateway.deliver(Webhooks.text("wamid.redrive-2", waId, NOW_S, "hello"));
    graph.faults().failNext(8, 503, 131000, "(#131000) Something went wrong");
    String id = send(waId, "through the dead-letter queue");

    // WHEN the sender gives up on it
    JsonNode view =
        gateway.awaitMessage(id, m -> m.path("status").asText().equals("dead_lettered"));

    // THEN the message says why, and the dead-letter queue holds it with that reason
    assertThat(view.get("dead_letter_reason").asText()).isEqualTo("retry_131000");
    assertThat(view.get("status_history").has("dead_lettered")).isTrue();
    String dlq = gateway.gateway.deployment().queues().get("OutboundDeadLetterQueue").url();
    Message dead =
        gateway
            .gateway
            .sqs()
            .receiveMessage(r -> r.queueUrl(dlq).messageAttributeNames("All").visibilityTimeout(0))
            .messages()
            .get(0);
    assertThat(dead.body()).contains(id);
    assertThat(dead.messageAttributes().get("reason").stringValue()).isEqualTo("retry_131000");
    assertThat(dead.messageAttributes().get("attempts").stringValue()).isEqualTo("8");
    assertThat(graph.accepted()).filteredOn(m -> id.equals(m.bizOpaqueCallbackData())).isEmpty();

    // AND once redriven it is sent, once
    redrive();
    gateway.awaitMessage(id, m -> m.has("wamid"));
    assertThat(graph.accepted()).filteredOn(m -> id.equals(m.bizOpaqueCallbackData())).hasSize(1);
  }

  private static String send(String waId, String body) throws Exception {
    var response =
        gateway.api(
            "POST",
            "/v1/messages",
            "{\"to\":\""
                + waId
                + "\",\"business_number_id\":\""
                + Webhooks.PHONE_NUMBER_ID
                + "\",\"type\":\"text\",\"text\":{\"body\":\""
                + body
                + "\"}}",
            Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return InboundGateway.JSON.readTree(response.body()).get("id").asText();
  }

  private static HttpResponse<String> redrive() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(gateway.gateway.baseUri() + "/local/redrive"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int inQueue(String url) {
    Map<String, String> attributes =
        gateway
            .gateway
            .sqs()
            .getQueueAttributes(
                r ->
                    r.queueUrl(url)
                        .attributeNamesWithStrings(
                            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
            .attributesAsStrings();
    return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
        + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
  }
}
