package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.testing.Sensitive;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the API answers about a thread and a message is the public fields only: never the caller's
 * token hash, its idempotency keys, or the table's own bookkeeping (keys, TTL, ranks, leases).
 */
class ApiFieldsIT extends InboundScenario {
  private static final String IDEMPOTENCY_KEY = "crm-fields-7c1e4b";

  /** Every field an answer may carry, by item kind (a subset shows, depending on progress). */
  private static final Set<String> MESSAGE_IN =
      Set.of(
          "entity",
          "at",
          "direction",
          "wamid",
          "business_number_id",
          "display_phone_number",
          "waba_id",
          "type",
          "body",
          "profile_name",
          "received_at");

  private static final Set<String> MESSAGE_OUT =
      Set.of(
          "entity",
          "at",
          "direction",
          "message_id",
          "business_number_id",
          "type",
          "body",
          "status",
          "status_at_queued",
          "status_at_sending",
          "status_at_sent",
          "status_at_delivered",
          "status_at_read",
          "wamid",
          "accepted_at",
          "pricing",
          "conversation",
          "agent");

  private static final Set<String> STATUS =
      Set.of(
          "entity",
          "at",
          "wamid",
          "status",
          "business_number_id",
          "display_phone_number",
          "waba_id",
          "pricing",
          "conversation");

  private static final Set<String> THREAD =
      Set.of(
          "created_at",
          "last_activity_at",
          "business_numbers",
          "profile_name",
          "opted_out",
          "changed_at",
          "opted_out_at",
          "opt_in_at",
          "source",
          "call_permissions");

  private static final Set<String> MESSAGE_VIEW =
      Set.of(
          "message_id",
          "status",
          "status_history",
          "wamid",
          "type",
          "business_number_id",
          "at",
          "pricing",
          "agent");

  @Test
  void threadAndMessageReads_showOnlyPublicFields() throws Exception {
    // GIVEN a customer who wrote, and a reply sent with an Idempotency-Key
    String waId = "27850000001";
    long nowS = System.currentTimeMillis() / 1000 - 60;
    assertThat(gateway.deliver(Webhooks.text("wamid.fields-1", waId, nowS, "hi")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> sent =
        gateway.api(
            "POST",
            "/v1/messages",
            SendRequests.text(waId, "On it"),
            Map.of("Idempotency-Key", IDEMPOTENCY_KEY));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String id = InboundGateway.JSON.readTree(sent.body()).get("id").asText();
    // (the record underneath does hold the internal fields this test keeps out of answers)
    assertThat(gateway.partition("CUST#+" + waId))
        .anySatisfy(item -> assertThat(item).containsKeys("api_client", "idempotency_key"));

    // WHEN the thread and the message are read
    HttpResponse<String> threadResponse = gateway.threadResponse(waId, "", Sensitive.API_TOKEN);
    HttpResponse<String> messageResponse = gateway.api("GET", "/v1/messages/" + id, null, Map.of());

    // THEN every item's fields are within its kind's public fields
    assertThat(threadResponse.statusCode()).isEqualTo(200);
    JsonNode thread = InboundGateway.JSON.readTree(threadResponse.body());
    assertThat(fields(thread))
        .containsExactlyInAnyOrder("customer", "thread", "windows", "items", "cursors");
    assertThat(fields(thread.get("thread"))).isSubsetOf(THREAD);
    int outbound = 0;
    for (JsonNode item : thread.get("items")) {
      Set<String> allowed =
          switch (item.path("entity").asText() + "/" + item.path("direction").asText()) {
            case "message/in" -> MESSAGE_IN;
            case "message/out" -> MESSAGE_OUT;
            case "status/" -> STATUS;
            default -> throw new AssertionError("unexpected item " + item);
          };
      assertThat(fields(item)).as(item.toString()).isSubsetOf(allowed);
      if (item.path("direction").asText().equals("out")) {
        outbound++;
        assertThat(fields(item))
            .contains("entity", "at", "direction", "message_id", "type", "body", "status");
      }
    }
    assertThat(outbound).isEqualTo(1);
    assertThat(messageResponse.statusCode()).isEqualTo(200);
    JsonNode message = InboundGateway.JSON.readTree(messageResponse.body());
    assertThat(fields(message)).isSubsetOf(MESSAGE_VIEW).contains("message_id", "status");
    // AND neither answer carries the caller's token hash or its key, under any name
    for (HttpResponse<String> response : java.util.List.of(threadResponse, messageResponse)) {
      assertThat(response.body()).doesNotContain(IDEMPOTENCY_KEY, clientId(), "IDEMP#", "CUST#");
    }
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String clientId() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(Sensitive.API_TOKEN.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 16);
  }
}
