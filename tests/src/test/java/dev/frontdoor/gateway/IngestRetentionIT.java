package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.testing.Sensitive;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Retention counts from when Frontdoor received an entry, not from the provider's timestamp: a
 * signed delivery stamped years ago (Meta's published examples, a delivery retried for days, a
 * skewed clock) is answered 200 and must then be readable, not expired on arrival. Runs with the
 * template's default retention (365 days), unlike the other inbound scenarios.
 */
class IngestRetentionIT {
  /** 13 September 2020: older than the default retention. */
  private static final long OLD_S = 1_600_000_000L;

  private static final int RETENTION_DAYS = 365;
  private static final String TWILIO_TOKEN = Sensitive.TWILIO_AUTH_TOKEN;

  @TempDir static Path dataDir;
  static InboundGateway gateway;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway =
        new InboundGateway(
            dataDir,
            Map.of(
                "RETENTION_DAYS",
                Integer.toString(RETENTION_DAYS),
                "TWILIO_AUTH_TOKENS",
                TWILIO_TOKEN));
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @Test
  void oldMessage_statusAndCall_areAnsweredStoredAndVisibleInTheThread() throws Exception {
    String waId = "27825550101";
    String e164 = "+" + waId;
    long receivedFromS = System.currentTimeMillis() / 1000;
    // GIVEN an outbound message Frontdoor sent, so a status has something to converge
    String wamidOut = "wamid.retention-out-" + System.nanoTime();
    OutboundSeed.Seeded seeded = OutboundSeed.queued(gateway, e164, true, wamidOut);

    // WHEN a message, a status of that message and a call event, all stamped in 2020, arrive
    String wamidIn = "wamid.retention-in-" + System.nanoTime();
    assertStored(gateway.deliver(Webhooks.text(wamidIn, waId, OLD_S, "an old hello")));
    assertStored(gateway.deliver(Webhooks.status(wamidOut, "delivered", waId, OLD_S + 5)));
    String callId = "wacid.retention-" + System.nanoTime();
    assertStored(gateway.deliver(callConnect(callId, waId)));

    // THEN the thread shows each of them, in provider-time order (the message first)
    JsonNode items = gateway.thread(e164, "limit=100").get("items");
    List<String> kinds = new ArrayList<>();
    items.forEach(item -> kinds.add(item.get("entity").asText()));
    assertThat(kinds).as(items.toString()).contains("message", "call", "call_event");
    assertThat(items.get(0).get("entity").asText()).isEqualTo("message");
    assertThat(items.get(0).get("body").asText()).isEqualTo("an old hello");
    assertThat(items.get(0).get("at").asLong())
        .as("ordered by Meta's time")
        .isEqualTo(OLD_S * 1000);
    // A message status is kept on its message (docs/data-model.md 6.1), with Meta's 2020 time.
    JsonNode sent = null;
    for (JsonNode item : items) {
      if (wamidOut.equals(item.path("wamid").asText())) {
        sent = item;
      }
    }
    assertThat(sent).as(items.toString()).isNotNull();
    assertThat(sent.get("status").asText()).isEqualTo("delivered");
    assertThat(sent.get("status_at_delivered").asLong()).isEqualTo((OLD_S + 5) * 1000);
    assertThat(OutboundSeed.message(gateway, e164, seeded.sk()).get("status").s())
        .isEqualTo("delivered");

    // AND every item ingest wrote for them lives the full retention from receipt
    long minimum = receivedFromS + RETENTION_DAYS * 86_400L;
    List<Map<String, AttributeValue>> written = new ArrayList<>();
    written.addAll(gateway.partition("CALL#whatsapp#" + callId));
    for (Map<String, AttributeValue> item : gateway.partition("CUST#" + e164)) {
      if (!item.get("sk").s().contains("#MSG#" + seeded.messageId())) {
        written.add(item);
      }
    }
    assertThat(written).hasSizeGreaterThanOrEqualTo(5);
    for (Map<String, AttributeValue> item : written) {
      assertThat(Long.parseLong(item.get("expires_at").n()))
          .as(item.get("sk").s() + " expires a retention after it was received")
          .isGreaterThanOrEqualTo(minimum);
      if (item.get("sk").s().startsWith("EV#")) {
        assertThat(item).as(item.get("sk").s()).containsKey("received_at");
      }
    }
  }

  @Test
  void oldVoiceCall_livesTheFullRetentionFromReceipt() throws Exception {
    String e164 = "+27825550102";
    long receivedFromS = System.currentTimeMillis() / 1000;
    String sid = "CA" + String.format("%032x", System.nanoTime());

    // WHEN a Twilio call rings and completes, stamped in 2020 (a delayed retry, a skewed clock)
    for (Map<String, String> form :
        List.of(
            TwilioCallbacks.callback(sid, "ringing", 0, OLD_S, null, e164),
            TwilioCallbacks.callback(sid, "completed", 1, OLD_S + 60, "55", e164))) {
      HttpResponse<String> response = TwilioCallbacks.signed(gateway, form, TWILIO_TOKEN);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    // THEN the call, its events and its lookup live the full retention from receipt
    long minimum = receivedFromS + RETENTION_DAYS * 86_400L;
    List<Map<String, AttributeValue>> written = new ArrayList<>();
    written.addAll(gateway.partition("CALL#twilio#" + sid));
    written.addAll(gateway.partition("CUST#" + e164));
    assertThat(written)
        .as("the call, its two events and its lookup")
        .hasSizeGreaterThanOrEqualTo(4);
    for (Map<String, AttributeValue> item : written) {
      assertThat(Long.parseLong(item.get("expires_at").n()))
          .as(item.get("pk").s() + " " + item.get("sk").s())
          .isGreaterThanOrEqualTo(minimum);
    }
    JsonNode items = gateway.thread(e164, "limit=100").get("items");
    assertThat(items.toString()).contains(sid);
  }

  private static void assertStored(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(InboundGateway.JSON.readTree(response.body()).get("new").asInt()).isEqualTo(1);
  }

  /** A WhatsApp Calling API "connect" event from the customer, stamped in 2020. */
  private static byte[] callConnect(String callId, String waId) {
    ObjectNode root = InboundGateway.JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", "419561257915477");
    ObjectNode change = entry.putArray("changes").addObject();
    ObjectNode value = change.putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "27105550100")
        .put("phone_number_id", Webhooks.PHONE_NUMBER_ID);
    value
        .putArray("calls")
        .addObject()
        .put("id", callId)
        .put("from", waId)
        .put("to", "27105550100")
        .put("event", "connect")
        .put("timestamp", Long.toString(OLD_S + 10))
        .put("direction", "USER_INITIATED");
    change.put("field", "calls");
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
