package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Meta batches up to 1,000 updates in one webhook. Ingest stores entries concurrently; these check
 * that nothing of such a batch is lost or mis-converged (correctness only; the time is measured by
 * {@code bin/gateway bench ingest}, part C).
 */
class IngestBatchIT extends InboundScenario {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 3600;
  private static final List<String> STATUSES = List.of("sent", "delivered", "read");

  @Test
  void thousandStatuses_inOneWebhook_areAllStoredConvergedOrPending() throws Exception {
    // GIVEN 300 messages Frontdoor sent, to 300 customers, and 100 wamids it does not know yet
    String run = Long.toString(System.nanoTime(), 36);
    List<String[]> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String e164 = String.format("+2782%07d", 4_000_000 + i);
      String wamid = "wamid.batch-" + run + "-" + i;
      sent.add(new String[] {e164, wamid, OutboundSeed.queued(gateway, e164, true, wamid).sk()});
    }
    // WHEN one webhook carries sent, delivered and read of each (shuffled, so a later status
    // often comes first) and one status of each unknown wamid: 1,000 statuses
    List<ObjectNode> statuses = new ArrayList<>();
    for (String[] message : sent) {
      for (String status : STATUSES) {
        statuses.add(
            status(message[1], status, message[0].substring(1), NOW_S + STATUSES.indexOf(status)));
      }
    }
    for (int i = 0; i < 100; i++) {
      statuses.add(status("wamid.batch-unknown-" + run + "-" + i, "sent", "27825550199", NOW_S));
    }
    Collections.shuffle(statuses, new Random(11));
    assertThat(statuses).hasSize(1000);
    byte[] body = envelope("statuses", statuses);
    HttpResponse<String> first = gateway.deliver(body);

    // THEN every one is stored: each message converged on read with all three times, and a
    // pending status for each unknown wamid
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(first.body()).get("new").asInt()).isEqualTo(1000);
    for (String[] message : sent) {
      Map<String, AttributeValue> item = OutboundSeed.message(gateway, message[0], message[2]);
      assertThat(item.get("status").s()).as(message[1]).isEqualTo("read");
      assertThat(item).containsKeys("status_at_sent", "status_at_delivered", "status_at_read");
      // each status's record is its time on the message: no separate status items
      assertThat(
              gateway.partition("CUST#" + message[0]).stream()
                  .filter(i -> i.get("sk").s().contains("#STATUS#"))
                  .count())
          .as(message[1])
          .isZero();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(gateway.partition("WAMID#wamid.batch-unknown-" + run + "-" + i))
          .singleElement()
          .satisfies(item -> assertThat(item.get("sk").s()).startsWith("PENDING#sent#"));
    }
    // AND Meta's retry of the same webhook stores nothing new
    HttpResponse<String> retry = gateway.deliver(body);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(retry.body()).get("new").asInt()).isZero();
    System.out.printf(
        "FIGURE batch statuses: 1 webhook of 1000 statuses (900 of 300 known messages, 100"
            + " unknown) -> all stored, converged or pending; retry new=0%n");
  }

  @Test
  void thousandMessages_inOneWebhook_areAllInTheirThreads() throws Exception {
    // GIVEN 1,000 messages from 100 customers, 10 each, in one webhook
    String run = Long.toString(System.nanoTime(), 36);
    List<ObjectNode> messages = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      for (int c = 0; c < 100; c++) {
        ObjectNode message = InboundGateway.JSON.createObjectNode();
        message
            .put("from", String.format("2783%07d", 5_000_000 + c))
            .put("id", "wamid.bulk-" + run + "-" + c + "-" + m)
            .put("timestamp", Long.toString(NOW_S + m))
            .put("type", "text");
        message.putObject("text").put("body", "bulk " + m);
        messages.add(message);
      }
    }
    byte[] body = envelope("messages", messages);
    // WHEN it is delivered
    HttpResponse<String> first = gateway.deliver(body);
    // THEN all are new, and each customer's thread holds its ten, in order
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(first.body()).get("new").asInt()).isEqualTo(1000);
    for (int c = 0; c < 100; c++) {
      JsonNode items =
          gateway.thread(String.format("+2783%07d", 5_000_000 + c), "limit=100").get("items");
      List<String> bodies = new ArrayList<>();
      items.forEach(item -> bodies.add(item.get("body").asText()));
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < 10; m++) {
        expected.add("bulk " + m);
      }
      assertThat(bodies).as("customer " + c).isEqualTo(expected);
    }
    HttpResponse<String> retry = gateway.deliver(body);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(retry.body()).get("new").asInt()).isZero();
    Set<String> unique = new HashSet<>();
    messages.forEach(m -> unique.add(m.get("id").asText()));
    assertThat(unique).hasSize(1000);
    System.out.printf(
        "FIGURE batch messages: 1 webhook of 1000 messages from 100 customers -> all in their"
            + " threads in order; retry new=0%n");
  }

  static ObjectNode status(String wamid, String status, String recipient, long seconds) {
    ObjectNode entry = InboundGateway.JSON.createObjectNode();
    entry.put("id", wamid).put("status", status).put("timestamp", Long.toString(seconds));
    entry.put("recipient_id", recipient);
    entry
        .putObject("pricing")
        .put("billable", true)
        .put("pricing_model", "PMP")
        .put("category", "utility");
    return entry;
  }

  /** One entry, one "messages" change whose value holds {@code entries} under {@code name}. */
  static byte[] envelope(String name, List<ObjectNode> entries) {
    ObjectNode root = InboundGateway.JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode change =
        root.putArray("entry")
            .addObject()
            .put("id", "419561257915477")
            .putArray("changes")
            .addObject();
    ObjectNode value = change.putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "27105550100")
        .put("phone_number_id", Webhooks.PHONE_NUMBER_ID);
    ArrayNode list = value.putArray(name);
    entries.forEach(list::add);
    change.put("field", "messages");
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
