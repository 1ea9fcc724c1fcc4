package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The customer service window is derived from the customer's inbound messages when it is read
 * (data-model 5.3), so ingesting a message is one write. These scenarios hold the derivation to
 * what the stored window did: latest by Meta's time whatever the arrival order, per business
 * number, open for exactly 24 hours, and found however much else happened since.
 */
class ServiceWindowIT extends InboundScenario {
  private static final long DAY_S = 24 * 3600;
  private static final String OTHER_NUMBER = "106540352242999";

  @Test
  void ingest_isOneItemPerMessage_howeverOftenItIsDelivered() {
    // GIVEN a message delivered three times
    byte[] body = Webhooks.text("wamid.window-1", "27840000001", nowS() - 60, "hello");
    for (int i = 0; i < 3; i++) {
      assertThat(gateway.deliver(body).statusCode()).isEqualTo(200);
    }
    // THEN the customer's partition holds the message and nothing else
    List<Map<String, AttributeValue>> items = gateway.partition("CUST#+27840000001");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("sk").s()).contains("#MSG#wamid.window-1");
    assertThat(items.get(0).get("profile_name").s()).isEqualTo("Test Customer");
  }

  @Test
  void window_followsTheLatestMessageByMetaTime_whateverTheArrivalOrder() {
    String waId = "27840000002";
    long latest = nowS() - 600;
    // GIVEN the latest message arrives first, then an older one late, then the latest again
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-2b", waId, latest, "Second Name");
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-2a", waId, latest - 300, "First Name");
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-2b", waId, latest, "Second Name");
    // THEN the window closes 24 h after the latest, with the latest message's profile name
    JsonNode thread = gateway.thread(waId, "limit=10");
    assertThat(thread.get("items")).hasSize(2);
    assertThat(thread.get("windows")).hasSize(1);
    JsonNode window = thread.get("windows").get(0);
    assertThat(window.get("last_inbound_at").asLong()).isEqualTo(latest * 1000);
    assertThat(window.get("closes_at").asLong()).isEqualTo((latest + DAY_S) * 1000);
    assertThat(window.get("open").asBoolean()).isTrue();
    assertThat(thread.get("thread").get("profile_name").asText()).isEqualTo("Second Name");
  }

  @Test
  void window_isPerBusinessNumber() {
    String waId = "27840000003";
    long at = nowS() - 120;
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-3a", waId, at, "Customer");
    deliver(OTHER_NUMBER, "wamid.window-3b", waId, at + 30, "Customer");
    JsonNode windows = gateway.thread(waId, "").get("windows");
    assertThat(windows).hasSize(2);
    assertThat(windows.get(0).get("business_number_id").asText())
        .isEqualTo(Webhooks.PHONE_NUMBER_ID);
    assertThat(windows.get(0).get("last_inbound_at").asLong()).isEqualTo(at * 1000);
    assertThat(windows.get(1).get("business_number_id").asText()).isEqualTo(OTHER_NUMBER);
    assertThat(windows.get(1).get("last_inbound_at").asLong()).isEqualTo((at + 30) * 1000);
  }

  @Test
  void window_isOpenForTwentyFourHoursAfterTheLatestMessage_thenRefusesFreeForm() {
    // GIVEN one customer who wrote 23 h 58 min ago and one who wrote 24 h 2 min ago
    String open = "27840000004";
    String closed = "27840000005";
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-4", open, nowS() - DAY_S + 120, "A");
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-5", closed, nowS() - DAY_S - 120, "B");
    // THEN a reply to the first is queued, and to the second refused as outside the window
    assertThat(send(open).statusCode()).isEqualTo(202);
    HttpResponse<String> refused = send(closed);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("window_closed");
    // AND the second's thread shows the message, no open window, and the name on the message
    JsonNode thread = gateway.thread(closed, "");
    assertThat(thread.get("items")).hasSize(1);
    assertThat(thread.get("windows")).isEmpty();
    assertThat(thread.get("thread").get("profile_name").asText()).isEqualTo("B");
  }

  @Test
  void window_isFoundBehindMoreThanAPageOfLaterEvents() {
    // GIVEN a customer who wrote to one number, then 130 times to another
    String waId = "27840000006";
    long at = nowS() - 3600;
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-6", waId, at, "Customer");
    for (int i = 1; i <= 130; i++) {
      deliver(OTHER_NUMBER, "wamid.window-6-" + i, waId, at + i, "Customer");
    }
    // THEN both windows are known, each from its own number's latest message
    JsonNode windows = gateway.thread(waId, "limit=1").get("windows");
    assertThat(windows).hasSize(2);
    assertThat(windows.get(0).get("last_inbound_at").asLong()).isEqualTo(at * 1000);
    assertThat(windows.get(1).get("last_inbound_at").asLong()).isEqualTo((at + 130) * 1000);
    // AND a free-form reply from the first number is allowed
    assertThat(send(waId).statusCode()).isEqualTo(202);
  }

  @Test
  void window_opensWithTheCustomersMessagesAndWhatsAppCalls_notWithOurs() {
    // GIVEN a customer who wrote 24 h 2 min ago; since then, within the day: a template to them
    // with its sent/delivered/read statuses from Meta; then a WhatsApp call from them
    String waId = "27840000007";
    deliver(Webhooks.PHONE_NUMBER_ID, "wamid.window-7", waId, nowS() - DAY_S - 120, "Customer");
    HttpResponse<String> template =
        gateway.api("POST", "/v1/messages", SendRequests.template(waId), Map.of());
    assertThat(template.statusCode()).as(template.body()).isEqualTo(202);
    String id = idOf(template);
    gateway.awaitMessage(id, view -> view.path("status").asText().equals("read"));
    // THEN our template and Meta's statuses open no window: free-form is refused
    assertThat(gateway.thread(waId, "limit=50").get("windows")).isEmpty();
    assertThat(send(waId).statusCode()).isEqualTo(422);
    String call =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\","
                + "\"changes\":[{\"field\":\"calls\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"27105550100\",\"phone_number_id\":\"%s\"},"
                + "\"calls\":[{\"id\":\"wacid.window-7\",\"from\":\"%s\",\"to\":\"27105550100\","
                + "\"event\":\"connect\",\"timestamp\":\"%d\",\"direction\":\"USER_INITIATED\"}]}}]}]}")
            .formatted(Webhooks.PHONE_NUMBER_ID, waId, nowS() - 30);
    assertThat(gateway.deliver(call.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    // THEN all of it is in the thread, and the customer's call (unanswered) opened the window
    // from its time, as Meta counts it: free-form is allowed again
    JsonNode thread = gateway.thread(waId, "limit=50");
    List<String> entities = new ArrayList<>();
    thread.get("items").forEach(item -> entities.add(item.get("entity").asText()));
    assertThat(entities).contains("message", "call");
    // Meta's statuses are kept on our template's message (docs/data-model.md 6.1)
    boolean templateRead = false;
    for (JsonNode item : thread.get("items")) {
      templateRead |=
          id.equals(item.path("message_id").asText())
              && item.path("status").asText().equals("read");
    }
    assertThat(templateRead).as(thread.toString()).isTrue();
    assertThat(thread.get("windows")).hasSize(1);
    assertThat(thread.get("windows").get(0).get("last_inbound_at").asLong())
        .isCloseTo((nowS() - 30) * 1000, org.assertj.core.api.Assertions.within(5_000L));
    assertThat(send(waId).statusCode()).isEqualTo(202);
  }

  private static String idOf(HttpResponse<String> response) {
    try {
      return InboundGateway.JSON.readTree(response.body()).get("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deliver(
      String phoneNumberId, String wamid, String waId, long seconds, String profileName) {
    HttpResponse<String> response =
        gateway.deliver(Webhooks.text(phoneNumberId, wamid, waId, seconds, "hi", profileName));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static HttpResponse<String> send(String to) {
    return gateway.api("POST", "/v1/messages", SendRequests.text(to, "On it"), Map.of());
  }

  private static long nowS() {
    return System.currentTimeMillis() / 1000;
  }
}
