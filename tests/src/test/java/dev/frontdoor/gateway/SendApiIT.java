package dev.frontdoor.gateway;

import static dev.frontdoor.gateway.SendRequests.template;
import static dev.frontdoor.gateway.SendRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/messages} and {@code GET /v1/messages/{id}} on the local gateway. */
class SendApiIT extends InboundScenario {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;

  @Test
  void send_insideTheWindow_isRecordedQueuedThenQueued() throws Exception {
    // GIVEN a customer who wrote a minute ago
    String waId = "27830000001";
    gateway.deliver(Webhooks.text("wamid.send-1", waId, NOW_S, "hello"));
    // WHEN a reply is sent, to another spelling of the number
    HttpResponse<String> response = send(text("+27 83 000 0001", "Thanks, on it"), Map.of());
    // THEN 202 with the id, the message is in the thread as queued, and on the FIFO queue
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode answer = InboundGateway.JSON.readTree(response.body());
    String id = answer.get("id").asText();
    assertThat(answer.get("status").asText()).isEqualTo("queued");
    JsonNode view =
        InboundGateway.JSON.readTree(
            gateway.api("GET", "/v1/messages/" + id, null, Map.of()).body());
    // (the local sender may already have taken it: queued is in its history either way)
    assertThat(view.get("status_history").has("queued")).isTrue();
    JsonNode items = gateway.thread(waId, "").get("items");
    assertThat(items)
        .anySatisfy(item -> assertThat(item.path("message_id").asText()).isEqualTo(id));
    // AND the sender (draining the queue) sends it with its id as callback data
    gateway.awaitSentToGraph(id);
  }

  @Test
  void send_freeFormOutsideTheWindow_is422AndQueuesNothing() throws Exception {
    HttpResponse<String> response = send(text("27830000002", "Hi there"), Map.of());
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("window_closed", "template");
    // Nothing recorded for the customer, and nothing reaches the Graph API.
    assertThat(gateway.partition("CUST#+27830000002"))
        .noneSatisfy(item -> assertThat(item.get("entity").s()).isEqualTo("message"));
    Thread.sleep(1500);
    assertThat(gateway.gateway.sandbox().orElseThrow().accepted())
        .noneSatisfy(sent -> assertThat(sent.waId()).isEqualTo("27830000002"));
  }

  @Test
  void send_templateOutsideTheWindow_isQueued() {
    HttpResponse<String> response = send(template("27830000003"), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @Test
  void send_afterTheCustomerSentStop_refusesTemplatesUntilStartButAllowsReplies() {
    String waId = "27830000004";
    // GIVEN the customer wrote "Stop" (any case, any punctuation)
    gateway.deliver(Webhooks.text("wamid.send-4a", waId, NOW_S, " Stop! "));
    // THEN templates are refused with a clear reason, replies in the window still go
    HttpResponse<String> template = send(template(waId), Map.of());
    assertThat(template.statusCode()).isEqualTo(422);
    assertThat(template.body()).contains("opted_out");
    assertThat(send(text(waId, "Understood, you will not hear from us"), Map.of()).statusCode())
        .isEqualTo(202);
    // AND a later START opts back in, while a late-arriving older STOP does not undo it
    gateway.deliver(Webhooks.text("wamid.send-4b", waId, NOW_S + 10, "START"));
    gateway.deliver(Webhooks.text("wamid.send-4c", waId, NOW_S + 5, "stop"));
    assertThat(send(template(waId), Map.of()).statusCode()).isEqualTo(202);
  }

  @Test
  void send_sameIdempotencyKey_answersTheFirstAnswerAndQueuesOnce() throws Exception {
    String body = template("27830000005");
    HttpResponse<String> first = send(body, Map.of("Idempotency-Key", "crm-order-48213"));
    HttpResponse<String> again = send(body, Map.of("Idempotency-Key", "crm-order-48213"));
    HttpResponse<String> other =
        send(template("27830000006"), Map.of("Idempotency-Key", "crm-order-48213"));
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(InboundGateway.JSON.readTree(again.body()).get("id").asText())
        .isEqualTo(InboundGateway.JSON.readTree(first.body()).get("id").asText());
    assertThat(other.statusCode()).isEqualTo(409);
    long messages =
        gateway.partition("CUST#+27830000005").stream()
            .filter(item -> item.get("sk").s().contains("#MSG#"))
            .count();
    assertThat(messages).isEqualTo(1);
  }

  @Test
  void send_invalidRequests_are400NamingTheField() {
    assertThat(send("{\"type\":\"text\",\"text\":{\"body\":\"x\"}}", Map.of()).body())
        .contains("to:");
    assertThat(
            send(
                    "{\"to\":\"27830000007\",\"business_number_id\":\""
                        + Webhooks.PHONE_NUMBER_ID
                        + "\",\"type\":\"fax\"}",
                    Map.of())
                .body())
        .contains("type:");
    assertThat(send(text("27830000007", "x".repeat(4097)), Map.of()).body()).contains("text.body");
    assertThat(
            send(
                    "{\"to\":\"27830000007\",\"type\":\"image\",\"image\":{\"link\":\"http://x\"}}",
                    Map.of())
                .body())
        .contains("image.link");
    assertThat(send("not json", Map.of()).statusCode()).isEqualTo(400);
    assertThat(send(text("27830000007", "x"), Map.of("Idempotency-Key", " ")).statusCode())
        .isEqualTo(400);
    assertThat(
            gateway
                .api("GET", "/v1/messages/01JX8NFBVGK3M7Q2R5T8W1Y4ZC", null, Map.of())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void send_namingTheAgent_showsWhoActedInTheThread_aBadAgentIs400() throws Exception {
    String waId = "27830000010";
    gateway.deliver(Webhooks.text("wamid.send-10", waId, NOW_S, "hello"));
    String named = text(waId, "On it").replaceFirst("\\{", "{\"agent\":\"thandi@example.co.za\",");
    HttpResponse<String> byAgent = send(named, Map.of());
    HttpResponse<String> byClient = send(text(waId, "Done"), Map.of());
    assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(202);
    assertThat(byClient.statusCode()).as(byClient.body()).isEqualTo(202);
    String id = InboundGateway.JSON.readTree(byAgent.body()).get("id").asText();
    String clientSent = InboundGateway.JSON.readTree(byClient.body()).get("id").asText();
    // the named agent shows in the thread and the message view
    assertThat(gateway.thread(waId, "").get("items"))
        .anySatisfy(
            item -> {
              assertThat(item.path("message_id").asText()).isEqualTo(id);
              assertThat(item.path("agent").asText()).isEqualTo("thandi@example.co.za");
            });
    assertThat(
            InboundGateway.JSON
                .readTree(gateway.api("GET", "/v1/messages/" + id, null, Map.of()).body())
                .path("agent")
                .asText())
        .isEqualTo("thandi@example.co.za");
    // unnamed, the API client acted: recorded on the item (its token's hash), not shown
    assertThat(gateway.partition("CUST#+" + waId))
        .filteredOn(item -> item.containsKey("message_id"))
        .filteredOn(item -> item.get("message_id").s().equals(clientSent))
        .singleElement()
        .satisfies(item -> assertThat(item.get("agent").s()).isEqualTo(item.get("api_client").s()));
    // a bad agent is refused naming the field, and nothing is stored for it
    HttpResponse<String> bad =
        send(text(waId, "x").replaceFirst("\\{", "{\"agent\":\"no spaces please\","), Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("agent:");
  }

  @Test
  void send_fromANumberThisDeploymentDoesNotHave_is400NamingTheField() {
    String body =
        SendRequests.text("27830000008", "x").replace(Webhooks.PHONE_NUMBER_ID, "106540352249999");
    HttpResponse<String> response = send(body, Map.of());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("business_number_id", "not one of");
    assertThat(gateway.partition("CUST#+27830000008")).isEmpty();
  }

  @Test
  void send_leadingZeroSpellingOfTheNumber_isTheSameNumberEverywhere() throws Exception {
    // GIVEN a customer who wrote to the number, as a webhook that spells it with a leading zero
    String waId = "27830000009";
    String zero = "0" + Webhooks.PHONE_NUMBER_ID;
    gateway.deliver(Webhooks.text(zero, "wamid.send-9", waId, NOW_S, "hello", "Customer"));
    // WHEN replies are sent from both spellings
    HttpResponse<String> first =
        send(text(waId, "one").replace(Webhooks.PHONE_NUMBER_ID, zero), Map.of());
    HttpResponse<String> second = send(text(waId, "two"), Map.of());
    // THEN both are inside the one window, stored under the one id, and sent on its schedule
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
    JsonNode thread = gateway.thread(waId, "");
    assertThat(thread.get("windows")).hasSize(1);
    assertThat(thread.get("windows").get(0).get("business_number_id").asText())
        .isEqualTo(Webhooks.PHONE_NUMBER_ID);
    thread
        .get("items")
        .forEach(
            item ->
                assertThat(item.get("business_number_id").asText())
                    .isEqualTo(Webhooks.PHONE_NUMBER_ID));
    for (HttpResponse<String> sent : java.util.List.of(first, second)) {
      String id = InboundGateway.JSON.readTree(sent.body()).get("id").asText();
      gateway.awaitMessage(id, view -> view.has("wamid"));
    }
    assertThat(gateway.partition("RATE#" + zero)).isEmpty();
    assertThat(gateway.partition("RATE#" + Webhooks.PHONE_NUMBER_ID)).hasSize(1);
    assertThat(gateway.partition("CUST#+" + waId))
        .extracting(item -> item.get("sk").s())
        .filteredOn(sk -> sk.startsWith("PACE#"))
        .containsExactly("PACE#" + Webhooks.PHONE_NUMBER_ID);
  }

  private static HttpResponse<String> send(String body, Map<String, String> headers) {
    return gateway.api("POST", "/v1/messages", body, headers);
  }
}
