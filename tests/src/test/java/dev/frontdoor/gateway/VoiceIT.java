package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.frontdoor.common.Digests;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.Specs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's central promise end to end, through the local gateway's real routes, stores, queue,
 * sender and sandbox Graph API: a WhatsApp conversation, a phone call from the same customer (their
 * number written another way), the call's end, its wrap-up, and the summary in their WhatsApp, once
 * as free text inside the service window and once as the utility template outside it. Every
 * provider's events are signed as that provider signs them.
 */
class VoiceIT {
  /** This scenario's own customer, so the other scenarios' calls stay out of its thread. */
  private static final String CALLER_E164 = "+27835550101";

  private static final String CALLER_SPACED = "+27 83 555 0101";
  private static final String TWILIO_TOKEN = Sensitive.TWILIO_AUTH_TOKEN;
  private static final String OLD_TWILIO_TOKEN = Sensitive.OLD_TWILIO_AUTH_TOKEN;
  private static final String VONAGE_SECRET = Sensitive.VONAGE_SIGNATURE_SECRET;
  private static final String VOICE_WHSEC = Sensitive.VOICE_WHSEC;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dataDir;
  static InboundGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("TWILIO_AUTH_TOKENS", TWILIO_TOKEN + "," + OLD_TWILIO_TOKEN);
    settings.put("VONAGE_SIGNATURE_SECRETS", VONAGE_SECRET);
    settings.put("VOICE_HMAC_SECRETS", VOICE_WHSEC);
    settings.put("SUMMARY_TEMPLATE_NAME", "call_summary");
    gateway = new InboundGateway(dataDir, settings);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void conversation_call_wrapUp_summaryInTheThread_onceAsTextInsideTheWindow() throws Exception {
    long now = Instant.now().getEpochSecond();
    // GIVEN the customer wrote on WhatsApp a few minutes ago
    assertThat(
            gateway
                .deliver(
                    Webhooks.text("wamid.voice-it-1", CALLER_E164.substring(1), now - 300, "hi"))
                .statusCode())
        .isEqualTo(200);

    // WHEN they call the contact centre on a Twilio number, their number written with spaces;
    // the status callbacks arrive out of order and one of them twice
    String sid = "CA" + String.format("%032x", System.nanoTime());
    List<Map<String, String>> callbacks =
        List.of(
            twilio(sid, "completed", 3, now - 10, "240", CALLER_SPACED),
            twilio(sid, "ringing", 1, now - 260, null, CALLER_SPACED),
            twilio(sid, "in-progress", 2, now - 250, null, CALLER_SPACED),
            twilio(sid, "completed", 3, now - 10, "240", CALLER_SPACED));
    List<Integer> statuses = new ArrayList<>();
    String callId = null;
    for (Map<String, String> form : callbacks) {
      HttpResponse<String> response = postTwilio(form, TWILIO_TOKEN);
      statuses.add(response.statusCode());
      callId = InboundGateway.JSON.readTree(response.body()).path("call_id").asText(callId);
    }
    assertThat(statuses).containsOnly(200);

    // AND the agent files the wrap-up (addressed by the provider's call id)
    HttpResponse<String> wrapUp =
        gateway.api(
            "POST",
            "/v1/calls/twilio:" + sid + "/wrap-up",
            "{\"agent\":\"thandi@example.co.za\",\"outcome\":\"resolved\",\"reference\":\"CASE-48213\","
                + "\"next_steps\":\"The courier delivers tomorrow before 12:00.\","
                + "\"notes\":[\""
                + Sensitive.WRAP_UP_NOTE
                + "\",{\"text\":\""
                + Sensitive.INTERNAL_NOTE
                + "\",\"internal\":true}]}",
            Map.of());

    // THEN the summary is queued as free text, and reaches the Graph API and its statuses come back
    assertThat(wrapUp.statusCode()).as(wrapUp.body()).isEqualTo(202);
    JsonNode answer = InboundGateway.JSON.readTree(wrapUp.body());
    assertThat(answer.path("call_id").asText()).isEqualTo(callId);
    assertThat(answer.path("summary").path("mode").asText()).isEqualTo("free_text");
    String summaryId = answer.path("summary").path("message_id").asText();
    JsonNode sent = gateway.awaitMessage(summaryId, view -> view.path("wamid").isTextual());
    assertThat(sent.path("type").asText()).isEqualTo("text");

    // AND a repeated wrap-up sends nothing more
    HttpResponse<String> again =
        gateway.api(
            "POST",
            "/v1/calls/" + callId + "/wrap-up",
            "{\"outcome\":\"resolved\",\"reference\":\"CASE-48213\"}",
            Map.of());
    assertThat(
            InboundGateway.JSON.readTree(again.body()).path("summary").path("message_id").asText())
        .isEqualTo(summaryId);

    // AND the thread shows it all in time order: message, call, its events, summary
    JsonNode thread = gateway.thread(CALLER_SPACED.replace(" ", "%20"), "?limit=50");
    List<String> kinds = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (JsonNode item : thread.path("items")) {
      kinds.add(item.path("entity").asText() + ":" + item.path("direction").asText(""));
      times.add(item.path("at").asLong());
    }
    assertThat(times).isSorted();
    assertThat(kinds).first().isEqualTo("message:in");
    assertThat(kinds).containsOnlyOnce("call:in", "summary:", "message:out");
    assertThat(kinds.indexOf("summary:")).isGreaterThan(kinds.indexOf("call:in"));
    JsonNode call = item(thread, "call");
    assertThat(call.path("outcome").asText()).isEqualTo("completed");
    assertThat(call.path("duration_s").asLong()).isEqualTo(240);
    assertThat(call.path("summary").path("state").asText()).isEqualTo("sent");
    assertThat(
            StreamSupport.stream(thread.path("items").spliterator(), false)
                .filter(i -> i.path("entity").asText().equals("call_event")))
        .hasSize(3);
    JsonNode summary = item(thread, "summary");
    assertThat(summary.path("message_id").asText()).isEqualTo(summaryId);
    assertThat(summary.path("text").asText())
        .contains("Reference: CASE-48213")
        .contains("The courier delivers tomorrow")
        .doesNotContain(Sensitive.INTERNAL_NOTE);
    assertThat(summary.path("by").asText()).isEqualTo("thandi@example.co.za");
    assertThat(summary.path("delivery_status").asText()).isIn("sent", "delivered", "read");
  }

  @Test
  void callOutsideTheWindow_summaryAsTheUtilityTemplate() throws Exception {
    long now = Instant.now().getEpochSecond();
    String uuid =
        "aaaaaaaa-bbbb-4ccc-8ddd-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
    String body =
        "{\"uuid\":\""
            + uuid
            + "\",\"conversation_uuid\":\"CON-"
            + uuid
            + "\",\"status\":\"completed\",\"direction\":\"inbound\",\"from\":\""
            + Sensitive.SECOND_CUSTOMER_E164.substring(1)
            + "\",\"to\":\"27105550100\",\"duration\":\"95\",\"timestamp\":\""
            + Instant.ofEpochSecond(now - 5)
            + "\"}";
    HttpResponse<String> stored = postVonage(body, VONAGE_SECRET);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

    HttpResponse<String> wrapUp =
        gateway.api(
            "POST",
            "/v1/calls/vonage:" + uuid + "/wrap-up",
            "{\"outcome\":\"resolved\",\"reference\":\"CASE-7\",\"next_steps\":\"Line\\ttwo\\n\\nthree\"}",
            Map.of());

    assertThat(wrapUp.statusCode()).as(wrapUp.body()).isEqualTo(202);
    JsonNode summary = InboundGateway.JSON.readTree(wrapUp.body()).path("summary");
    assertThat(summary.path("mode").asText()).isEqualTo("template");
    JsonNode sent =
        gateway.awaitMessage(
            summary.path("message_id").asText(), view -> view.path("wamid").isTextual());
    assertThat(sent.path("type").asText()).isEqualTo("template");
    for (JsonNode parameter : summary.path("parameters")) {
      assertThat(parameter.asText()).doesNotContain("\n", "\t", "     ").isNotBlank();
    }
  }

  @Test
  void signatures_wrongOrMissing_refusedWithNothingStored_rotationAccepted() throws Exception {
    long now = Instant.now().getEpochSecond();
    String sid = "CA" + String.format("%032x", System.nanoTime() + 1);
    Map<String, String> form = twilio(sid, "ringing", 1, now, null);
    // Events each provider would have stored, had they been signed with the right secret.
    String vonage =
        "{\"uuid\":\"aaaaaaaa-bbbb-4ccc-8ddd-"
            + String.format("%012d", System.nanoTime() % 1_000_000_000_000L)
            + "\",\"status\":\"ringing\",\"direction\":\"inbound\",\"from\":\""
            + Sensitive.SECOND_CUSTOMER_E164.substring(1)
            + "\",\"to\":\"27105550100\",\"timestamp\":\""
            + Instant.ofEpochSecond(now - 5)
            + "\"}";
    String generic =
        "{\"call_id\":\"gen-refused-"
            + System.nanoTime()
            + "\",\"status\":\"ringing\",\"direction\":\"inbound\",\"from\":\""
            + Sensitive.CUSTOMER_E164
            + "\",\"to\":\"+27105550100\",\"timestamp\":\""
            + Instant.ofEpochSecond(now - 5)
            + "\"}";
    String wrongWhsec = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
    int before = gateway.itemCount();

    // wrong secret: 403; no signature: 401; a Standard Webhooks timestamp outside the tolerance:
    // 403
    assertThat(postTwilio(form, "not-the-token").statusCode()).isEqualTo(403);
    assertThat(postForm(form, null).statusCode()).isEqualTo(401);
    assertThat(postVonage(vonage, "wrong-secret-0123456789").statusCode()).isEqualTo(403);
    assertThat(postUnsigned("/webhooks/voice/vonage", vonage, Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(postGeneric(generic, wrongWhsec, "msg_1").statusCode()).isEqualTo(403);
    assertThat(
            postUnsigned(
                    "/webhooks/voice/generic",
                    generic,
                    Map.of("webhook-id", "msg_2", "webhook-timestamp", Long.toString(now)))
                .statusCode())
        .isEqualTo(401);
    assertThat(postGeneric(generic, VOICE_WHSEC, "msg_3", now - 3_600).statusCode()).isEqualTo(403);
    // a body that is not even JSON, wrongly signed: refused on the signature, before any parsing
    assertThat(postGeneric("{not json", wrongWhsec, "msg_4").statusCode()).isEqualTo(403);
    assertThat(
            gateway
                .api(
                    "POST", "/v1/calls/twilio:" + sid + "/wrap-up", "{\"outcome\":\"x\"}", Map.of())
                .statusCode())
        .isEqualTo(404);
    assertThat(gateway.itemCount()).as("items stored by refused events").isEqualTo(before);

    // the previous token still works while it is being rotated out
    assertThat(postTwilio(form, OLD_TWILIO_TOKEN).statusCode()).isEqualTo(200);
    // bad input: a clear 4xx
    Map<String, String> noSid = new LinkedHashMap<>(form);
    noSid.remove("CallSid");
    assertThat(postTwilio(noSid, TWILIO_TOKEN).statusCode()).isEqualTo(400);
  }

  @Test
  void genericProvider_standardWebhooks_withItsOwnWrapUp_summarySent() throws Exception {
    String callId = "gen-" + System.nanoTime();
    String body =
        "{\"call_id\":\""
            + callId
            + "\",\"status\":\"completed\",\"direction\":\"outbound\",\"from\":\"+27105550100\","
            + "\"to\":\""
            + Sensitive.CUSTOMER_SPACED
            + "\",\"timestamp\":\""
            + Instant.now().minusSeconds(30)
            + "\",\"duration_s\":12,\"agent\":\"sipho\","
            + "\"wrap_up\":{\"agent\":\"sipho\",\"outcome\":\"resolved\",\"reference\":\"PBX-9\"}}";

    HttpResponse<String> response = postGeneric(body, VOICE_WHSEC, "msg_" + System.nanoTime());
    HttpResponse<String> badWrapUp =
        postGeneric(
            body.replace("\"reference\":\"PBX-9\"", "\"colour\":\"red\""),
            VOICE_WHSEC,
            "msg_" + System.nanoTime());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(badWrapUp.statusCode()).isEqualTo(400);
    assertThat(badWrapUp.body()).contains("wrap_up.colour");
    JsonNode thread = gateway.thread(Sensitive.CUSTOMER_E164, "?limit=200");
    JsonNode call =
        StreamSupport.stream(thread.path("items").spliterator(), false)
            .filter(i -> i.path("provider_call_id").asText().equals(callId))
            .filter(i -> i.path("entity").asText().equals("call"))
            .findFirst()
            .orElseThrow();
    assertThat(call.path("provider").asText()).isEqualTo("generic");
    assertThat(call.path("wrap_up").path("reference").asText()).isEqualTo("PBX-9");
    assertThat(call.path("summary").path("state").asText()).isEqualTo("sent");
    assertThat(call.path("summary").path("mode").asText()).isEqualTo("template");
  }

  @Test
  void amazonConnect_publishedEvent_throughEventBridge_customerFromDescribeContact()
      throws Exception {
    // GIVEN Connect knows the contact's customer (the sandbox answers DescribeContact)
    String published = Specs.text("amazon-connect", "contact_event_disconnected.json");
    String instance =
        "arn:aws::connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012";
    gateway
        .gateway
        .connect()
        .orElseThrow()
        .registerContact(
            instance, "11111111-1111-1111-1111-111111111111", Sensitive.CUSTOMER_SPACED);

    // WHEN the published event arrives on the bus, twice (EventBridge delivers at least once)
    JsonNode first = putEvent(published);
    JsonNode second = putEvent(published);
    // AND an event for a contact Connect does not know
    JsonNode unknown =
        putEvent(
            published
                .replace(
                    "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222")
                .replace(
                    "abcabcab-abca-abca-abca-abcabcabcabc",
                    "bbbbbbbb-abca-abca-abca-abcabcabcabc"));

    // THEN one call in the customer's thread, the repeat not new, the unknown one kept raw
    assertThat(first.path("invoked").get(0).path("function").asText())
        .isEqualTo("ConnectEventFunction");
    assertThat(first.path("invoked").get(0).path("result").path("status").asText())
        .isEqualTo("stored");
    assertThat(second.path("invoked").get(0).path("result").path("status").asText())
        .isEqualTo("stored");
    assertThat(unknown.path("invoked").get(0).path("result").path("status").asText())
        .isEqualTo("kept");
    JsonNode thread = gateway.thread(Sensitive.CUSTOMER_E164, "?limit=200");
    List<JsonNode> connectCalls =
        StreamSupport.stream(thread.path("items").spliterator(), false)
            .filter(i -> i.path("entity").asText().equals("call"))
            .filter(i -> i.path("provider").asText().equals("connect"))
            .toList();
    assertThat(connectCalls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.path("provider_call_id").asText())
                  .isEqualTo("11111111-1111-1111-1111-111111111111");
              assertThat(call.path("duration_s").asLong()).isEqualTo(42);
            });
  }

  private static JsonNode putEvent(String event) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(gateway.gateway.baseUri().resolve("/local/eventbridge"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return InboundGateway.JSON.readTree(response.body());
  }

  private static JsonNode item(JsonNode thread, String entity) {
    for (JsonNode item : thread.path("items")) {
      if (item.path("entity").asText().equals(entity)) {
        return item;
      }
    }
    throw new AssertionError("no " + entity + " in the thread");
  }

  private static Map<String, String> twilio(
      String sid, String status, int sequence, long epochSecond, String duration) {
    return twilio(sid, status, sequence, epochSecond, duration, Sensitive.CUSTOMER_SPACED);
  }

  private static Map<String, String> twilio(
      String sid, String status, int sequence, long epochSecond, String duration, String from) {
    return TwilioCallbacks.callback(sid, status, sequence, epochSecond, duration, from);
  }

  private static HttpResponse<String> postTwilio(Map<String, String> form, String token)
      throws Exception {
    return TwilioCallbacks.signed(gateway, form, token);
  }

  private static HttpResponse<String> postForm(Map<String, String> form, String signature)
      throws Exception {
    return TwilioCallbacks.withSignature(gateway, form, signature);
  }

  private static HttpResponse<String> postUnsigned(
      String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.gateway.baseUri().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postVonage(String body, String secret) throws Exception {
    String token =
        JWT.create()
            .withIssuedAt(Instant.now())
            .withJWTId("jti-" + System.nanoTime())
            .withIssuer("Vonage")
            .withClaim("payload_hash", Digests.sha256Hex(body))
            .sign(Algorithm.HMAC256(secret));
    return HTTP.send(
        HttpRequest.newBuilder(gateway.gateway.baseUri().resolve("/webhooks/voice/vonage"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postGeneric(String body, String secret, String id)
      throws Exception {
    return postGeneric(body, secret, id, Instant.now().getEpochSecond());
  }

  private static HttpResponse<String> postGeneric(
      String body, String secret, String id, long timestamp) throws Exception {
    String signature = new Webhook(secret).sign(id, timestamp, body);
    return HTTP.send(
        HttpRequest.newBuilder(gateway.gateway.baseUri().resolve("/webhooks/voice/generic"))
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
