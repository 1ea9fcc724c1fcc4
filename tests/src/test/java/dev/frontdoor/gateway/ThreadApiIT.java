package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.testing.Sensitive;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thread as internal callers read it, and the webhook route's refusals, through the template's
 * routes on the local gateway.
 */
class ThreadApiIT extends InboundScenario {
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 7200;
  private static final String WA_ID = "27821234567";

  @BeforeAll
  static void seed() {
    for (int i = 0; i < 7; i++) {
      assertThat(
              gateway
                  .deliver(Webhooks.text("wamid.thread-" + i, WA_ID, NOW_S + i, "m" + i))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void read_anySpellingOfTheNumber_findsTheSameThreadWithItsWindow() {
    for (String spelling :
        List.of(Sensitive.CUSTOMER_E164, WA_ID, Sensitive.CUSTOMER_SPACED, "082 123 4567")) {
      JsonNode thread = gateway.thread(spelling, "limit=50");
      assertThat(thread.get("customer").asText()).as(spelling).isEqualTo(Sensitive.CUSTOMER_E164);
      assertThat(thread.get("items")).as(spelling).hasSize(7);
      JsonNode window = thread.get("windows").get(0);
      assertThat(window.get("business_number_id").asText()).isEqualTo(Webhooks.PHONE_NUMBER_ID);
      assertThat(window.get("closes_at").asLong())
          .isEqualTo((NOW_S + 6) * 1000 + 24 * 3600 * 1000L);
      assertThat(window.get("open").asBoolean()).isTrue();
      assertThat(thread.get("thread").get("profile_name").asText()).isEqualTo("Test Customer");
    }
  }

  @Test
  void callPermission_requestedThenAnswered_theThreadShowsTheLatestAnswerAsOfTheRead() {
    String waId = "27821239901";
    gateway.deliver(Webhooks.text("wamid.cp-hello", waId, NOW_S, "Can someone call me?"));
    // GIVEN the business asked inside the window (a free-form interactive request)
    String request =
        "{\"to\":\""
            + waId
            + "\",\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_request\","
            + "\"action\":{\"name\":\"call_permission_request\"},"
            + "\"body\":{\"text\":\"May we call you about your order?\"}}}";
    assertThat(gateway.api("POST", "/v1/messages", request, Map.of()).statusCode()).isEqualTo(202);
    assertThat(gateway.thread(waId, "").get("thread").has("call_permissions")).isFalse();

    // WHEN the customer rejects, then accepts for a week, and the rejection is delivered again
    long week = 7 * 86_400L;
    deliver(Webhooks.callPermissionReply("wamid.cp-no", waId, NOW_S + 10, "reject", false, null));
    assertThat(permission(waId).get("status").asText()).isEqualTo("denied");
    deliver(
        Webhooks.callPermissionReply(
            "wamid.cp-yes", waId, NOW_S + 20, "accept", false, NOW_S + 20 + week));
    deliver(Webhooks.callPermissionReply("wamid.cp-no", waId, NOW_S + 10, "reject", false, null));

    // THEN the thread shows the later answer, granted until its end
    JsonNode granted = permission(waId);
    assertThat(granted.get("business_number_id").asText()).isEqualTo(Webhooks.PHONE_NUMBER_ID);
    assertThat(granted.get("status").asText()).isEqualTo("granted");
    assertThat(granted.get("permanent").asBoolean()).isFalse();
    assertThat(granted.get("expires_at").asLong()).isEqualTo((NOW_S + 20 + week) * 1000);
    assertThat(granted.get("answered_at").asLong()).isEqualTo((NOW_S + 20) * 1000);

    // AND an acceptance whose end has passed reads as expired
    deliver(
        Webhooks.callPermissionReply(
            "wamid.cp-short", waId, NOW_S + 30, "accept", false, NOW_S + 31));
    assertThat(permission(waId).get("status").asText()).isEqualTo("expired");
    // (the answers are messages in the thread too)
    assertThat(gateway.thread(waId, "").get("items"))
        .filteredOn(item -> item.path("type").asText().equals("interactive"))
        .filteredOn(item -> item.path("direction").asText().equals("in"))
        .hasSize(3);
  }

  private static void deliver(byte[] webhook) {
    assertThat(gateway.deliver(webhook).statusCode()).isEqualTo(200);
  }

  private static JsonNode permission(String waId) {
    JsonNode permissions = gateway.thread(waId, "").get("thread").get("call_permissions");
    assertThat(permissions).hasSize(1);
    return permissions.get(0);
  }

  @Test
  void read_pagedBackwardsThenForwards_walksTheWholeTimelineInTimeOrder() {
    // GIVEN the latest page of 3
    JsonNode page = gateway.thread(WA_ID, "limit=3");
    List<String> seen = new ArrayList<>(bodies(page));
    assertThat(seen).containsExactly("m4", "m5", "m6");
    // WHEN following "before" cursors to the start
    while (page.path("cursors").has("before")) {
      page = gateway.thread(WA_ID, "limit=3&before=" + page.get("cursors").get("before").asText());
      seen.addAll(0, bodies(page));
    }
    // THEN every message, once, oldest first
    assertThat(seen).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
    // AND "after" cursors walk forward again from the first page
    List<String> forward = new ArrayList<>(bodies(page));
    while (page.path("cursors").has("after")) {
      page = gateway.thread(WA_ID, "limit=3&after=" + page.get("cursors").get("after").asText());
      forward.addAll(bodies(page));
    }
    assertThat(forward).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
  }

  @Test
  void read_withoutOrWithWrongToken_is401Or403() {
    assertThat(gateway.threadResponse(WA_ID, "", null).statusCode()).isEqualTo(401);
    assertThat(gateway.threadResponse(WA_ID, "", "not-a-token-0123456789").statusCode())
        .isEqualTo(403);
  }

  @Test
  void read_badInput_is400NamingIt() {
    var badPhone = gateway.threadResponse("not-a-number", "", Sensitive.API_TOKEN);
    assertThat(badPhone.statusCode()).isEqualTo(400);
    assertThat(badPhone.body()).contains("phone");
    assertThat(gateway.threadResponse(WA_ID, "limit=0", Sensitive.API_TOKEN).statusCode())
        .isEqualTo(400);
    assertThat(gateway.threadResponse(WA_ID, "before=zzz", Sensitive.API_TOKEN).body())
        .contains("cursor");
    assertThat(gateway.threadResponse(WA_ID, "before=a&after=b", Sensitive.API_TOKEN).statusCode())
        .isEqualTo(400);
  }

  @Test
  void read_malformedOrOversizedCursor_is400BeforeTheTable() {
    String prefix = "EV#" + (NOW_S * 1000) + "#MSG#";
    // 400 three-byte characters: 1,200 bytes of sort key, over DynamoDB's 1,024 (the local engine
    // would take it; DynamoDB would refuse it, and the API answer 500)
    String oversized = prefix + "€".repeat(400);
    String customer = Sensitive.CUSTOMER_E164;
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(token(oversized), "cursor");
    refusals.put(
        token("{\"customer\":\"" + customer + "\",\"sk\":\"" + oversized + "\"}"),
        "longer than 1024 bytes");
    refusals.put("%%%not-base64", "base64");
    refusals.put(token("[1,2]"), "wrong shape");
    refusals.put(token("{\"customer\":\"" + customer + "\",\"sk\":\"THREAD\"}"), "timeline key");
    refusals.put(
        token("{\"customer\":\"" + customer + "\",\"sk\":\"EV#123#MSG#x\"}"), "timeline key");
    refusals.put(
        token("{\"customer\":\"+27829999999\",\"sk\":\"" + prefix + "x\"}"), "another customer");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      for (String name : List.of("before", "after")) {
        var response =
            gateway.threadResponse(
                WA_ID,
                name + "=" + URLEncoder.encode(refusal.getKey(), StandardCharsets.UTF_8),
                Sensitive.API_TOKEN);
        assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(400);
        assertThat(response.body()).as(refusal.getKey()).contains("cursor", refusal.getValue());
      }
    }
    // AND a cursor this API issued for one thread is refused on another
    String issued = gateway.thread(WA_ID, "limit=1").get("cursors").get("before").asText();
    var elsewhere = gateway.threadResponse("27821234999", "before=" + issued, Sensitive.API_TOKEN);
    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(elsewhere.body()).contains("another customer");
  }

  @Test
  void deliver_refusals_areClear4xxAndStoreNothing() {
    byte[] body = Webhooks.text("wamid.refused", "27821234999", NOW_S, "refused");
    int before = gateway.itemCount();
    var missing = gateway.deliver(body, null, "application/json");
    var wrongType = gateway.deliver(body, InboundGateway.sign(body), "text/plain");
    var empty = gateway.deliver(new byte[0], InboundGateway.sign(new byte[0]), "application/json");
    byte[] huge = new byte[3 * 1024 * 1024 + 1];
    var oversized = gateway.deliver(huge, "sha256=" + "0".repeat(64), "application/json");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("empty");
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(gateway.itemCount()).isEqualTo(before);
  }

  @Test
  void deliver_signedWithThePreviousAppSecret_isAcceptedDuringRotation() {
    byte[] body = Webhooks.text("wamid.rotated", "27821234777", NOW_S, "rotated");
    var rotated =
        gateway.deliver(
            body,
            dev.frontdoor.inbound.WebhookSignature.sign(
                body, dev.frontdoor.config.Secret.of(Sensitive.OLD_APP_SECRET)),
            "application/json; charset=utf-8");
    assertThat(rotated.statusCode()).isEqualTo(200);
  }

  @Test
  void deliver_whatsAppCallEvents_landInTheSameThreadAsOneCall() {
    String caller = "27821234888";
    String calls =
        """
        {"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"field":"calls",
         "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"27105550100","phone_number_id":"%s"},
         "calls":[%s]}}]}]}
        """;
    String connect =
        "{\"id\":\"wacid.call-1\",\"from\":\"%s\",\"to\":\"27105550100\",\"event\":\"connect\",\"timestamp\":\"%d\",\"direction\":\"USER_INITIATED\"}"
            .formatted(caller, NOW_S + 100);
    String terminate =
        "{\"id\":\"wacid.call-1\",\"from\":\"%s\",\"to\":\"27105550100\",\"event\":\"terminate\",\"timestamp\":\"%d\",\"direction\":\"USER_INITIATED\",\"status\":\"COMPLETED\",\"duration\":\"42\"}"
            .formatted(caller, NOW_S + 142);
    for (String event : List.of(terminate, connect, terminate)) {
      byte[] body =
          calls.formatted(Webhooks.PHONE_NUMBER_ID, event).getBytes(StandardCharsets.UTF_8);
      assertThat(gateway.deliver(body).statusCode()).isEqualTo(200);
    }
    JsonNode items = gateway.thread(caller, "limit=100").get("items");
    List<JsonNode> callItems = new ArrayList<>();
    List<JsonNode> callEvents = new ArrayList<>();
    items.forEach(
        item -> {
          if (item.get("entity").asText().equals("call")) {
            callItems.add(item);
          } else if (item.get("entity").asText().equals("call_event")) {
            callEvents.add(item);
          }
        });
    assertThat(callItems)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.get("provider_call_id").asText()).isEqualTo("wacid.call-1");
              assertThat(call.get("started_at").asLong()).isEqualTo((NOW_S + 100) * 1000);
              assertThat(call.get("ended_at").asLong()).isEqualTo((NOW_S + 142) * 1000);
              assertThat(call.get("duration_s").asLong()).isEqualTo(42);
              assertThat(call.get("outcome").asText()).isEqualTo("completed");
            });
    assertThat(callEvents).hasSize(2);
  }

  private static String token(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> bodies(JsonNode page) {
    List<String> bodies = new ArrayList<>();
    page.get("items").forEach(item -> bodies.add(item.get("body").asText()));
    return bodies;
  }
}
