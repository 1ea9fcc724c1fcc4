package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.UserId;
import dev.frontdoor.config.Secret;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasure on request end to end (docs/data-model.md 12): a customer with everything Frontdoor keeps
 * about a customer (WhatsApp messages both ways and their statuses, a send with an Idempotency-Key,
 * a Twilio call with a wrap-up and its summary, a call permission answer, a BSUID paired with the
 * number and a message under the BSUID alone, an entry kept raw, an opt-out) is erased through
 * {@code DELETE /v1/customers/{phone}}; then the whole table is scanned and nothing names them but
 * their hashed tombstones, while another customer's items remain.
 */
class ErasureIT {
  private static final String E164 = "+27845550199";
  private static final String SPACED = "+27 84 555 0199";
  private static final String WA_ID = "27845550199";
  private static final String BSUID = "ZA.8450199001122";
  private static final String OTHER_WA_ID = "27845550277";
  private static final String TWILIO_TOKEN = "test-twilio-auth-token-erasure";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dataDir;
  static InboundGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = new InboundGateway(dataDir, Map.of("TWILIO_AUTH_TOKENS", TWILIO_TOKEN));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void erase_removesEverythingAboutTheCustomer_keepsTheOthers_andIsIdempotent() throws Exception {
    long now = Instant.now().getEpochSecond();
    CustomerRefs refs = new CustomerRefs(Secret.of(InboundGateway.REF_KEY));
    String ref = refs.of(new CustomerNumber(E164));
    String bsuidRef = refs.of(CustomerKey.of(new UserId(BSUID)));

    // GIVEN a message under the customer's BSUID alone (their number not yet known) ...
    deliver(bsuidMessage("wamid.erase-early", false, now - 900, "hello from my username"));
    // ... then one with both, which pairs the BSUID with the number
    deliver(bsuidMessage("wamid.erase-paired", true, now - 600, "my order 48213 is late"));
    // AND another customer's conversation
    deliver(Webhooks.text("wamid.erase-other", OTHER_WA_ID, now - 500, "not me"));

    // AND a reply sent with an Idempotency-Key, delivered and read
    HttpResponse<String> sent =
        gateway.api(
            "POST",
            "/v1/messages",
            SendRequests.text(SPACED, "We found your order"),
            Map.of("Idempotency-Key", "erase-it-" + System.nanoTime()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String messageId = InboundGateway.JSON.readTree(sent.body()).path("id").asText();
    gateway.awaitMessage(messageId, view -> view.path("status").asText().equals("read"));

    // AND a phone call, its wrap-up and the summary in their WhatsApp, read
    String sid = "CA" + String.format("%032x", System.nanoTime());
    assertThat(postTwilio(twilio(sid, "ringing", 1, now - 400, null)).statusCode()).isEqualTo(200);
    assertThat(postTwilio(twilio(sid, "completed", 2, now - 300, "90")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> wrapUp =
        gateway.api(
            "POST",
            "/v1/calls/twilio:" + sid + "/wrap-up",
            "{\"outcome\":\"resolved\",\"reference\":\"CASE-48213\",\"next_steps\":\"Courier tomorrow.\"}",
            Map.of());
    assertThat(wrapUp.statusCode()).as(wrapUp.body()).isEqualTo(202);
    String summaryId =
        InboundGateway.JSON.readTree(wrapUp.body()).path("summary").path("message_id").asText();
    gateway.awaitMessage(summaryId, view -> view.path("status").asText().equals("read"));

    // AND their answer to a call permission request, an entry kept raw that names them, and STOP
    deliver(
        Webhooks.callPermissionReply("wamid.erase-perm", WA_ID, now - 200, "accept", true, null));
    deliver(unroutableStatus("wamid.erase-raw", WA_ID, now - 150));
    deliver(Webhooks.text("wamid.erase-stop", WA_ID, now - 100, "STOP"));
    assertThat(mentioning(E164, WA_ID, BSUID, ref, bsuidRef)).hasSizeGreaterThan(20);

    // WHEN the customer's erasure is asked for, their number written another way
    HttpResponse<String> erased =
        gateway.api(
            "DELETE",
            "/v1/customers/" + URLEncoder.encode(SPACED, StandardCharsets.UTF_8),
            null,
            Map.of());

    // THEN the receipt counts what went, by kind, and names them only by pseudonym
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(erased.body()).doesNotContain(WA_ID).doesNotContain(BSUID);
    JsonNode receipt = InboundGateway.JSON.readTree(erased.body());
    assertThat(receipt.path("status").asText()).isEqualTo("erased");
    assertThat(receipt.path("customer_ref").asText()).isEqualTo(ref);
    assertThat(receipt.path("customer_refs"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(ref, bsuidRef);
    JsonNode removed = receipt.path("removed");
    for (String kind :
        List.of(
            "optout",
            "call_permission",
            "pacing",
            "message",
            // (no "status": a message's statuses are stored on the message, data-model 5.7)
            "call",
            "call_event",
            "summary",
            "lookup",
            "idempotency",
            "raw_event")) {
      assertThat(removed.path(kind).asLong()).as(kind + " in " + removed).isPositive();
    }
    // (no THREAD item: as built, only WhatsApp call events touch it, data-model 5.1)
    // messages: 2 inbound under the BSUID and the number, the reply, the summary, the permission
    // answer and STOP
    assertThat(removed.path("message").asLong()).isEqualTo(6);

    // AND a scan of the whole table finds nothing that names them but their hashed tombstones
    List<Map<String, AttributeValue>> left =
        mentioning(E164, WA_ID, "845550199", BSUID, ref, bsuidRef);
    assertThat(left)
        .as("items naming the customer after erasure: %s", left)
        .allSatisfy(item -> assertThat(item.get("entity").s()).isEqualTo("tombstone"))
        .hasSize(2);
    for (Map<String, AttributeValue> tombstone : left) {
      assertThat(tombstone.toString()).doesNotContain(WA_ID).doesNotContain(BSUID);
      assertThat(tombstone.get("state").s()).isEqualTo("completed");
      long erasedAt = Long.parseLong(tombstone.get("erased_at").n());
      assertThat(Long.parseLong(tombstone.get("expires_at").n()))
          .isEqualTo(erasedAt / 1000 + (3650L + 400L) * 86_400L);
    }
    // AND their thread reads empty, under the number and under the BSUID
    assertThat(gateway.thread(E164, "").path("items")).isEmpty();
    assertThat(gateway.thread(BSUID, "").path("items")).isEmpty();

    // AND the other customer's items remain
    assertThat(gateway.thread(OTHER_WA_ID, "").path("items")).hasSize(1);
    assertThat(mentioning(OTHER_WA_ID)).isNotEmpty();

    // AND a second request answers a zero receipt
    HttpResponse<String> again = gateway.api("DELETE", "/v1/customers/" + WA_ID, null, Map.of());
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    JsonNode zero = InboundGateway.JSON.readTree(again.body());
    assertThat(zero.path("status").asText()).isEqualTo("nothing_to_erase");
    assertThat(zero.path("total").asLong()).isZero();
  }

  @Test
  void erase_withoutToken_refused_badNumber_400() {
    HttpResponse<String> bad = gateway.api("DELETE", "/v1/customers/not-a-number", null, Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpRequest request =
        HttpRequest.newBuilder(gateway.gateway.baseUri().resolve("/v1/customers/" + WA_ID))
            .DELETE()
            .build();
    try {
      assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(401);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every item of the table whose keys or attributes contain any of {@code needles}. */
  static List<Map<String, AttributeValue>> mentioning(String... needles) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    gateway
        .gateway
        .dynamoDb()
        .scanPaginator(r -> r.tableName(gateway.table).consistentRead(true))
        .items()
        .forEach(
            item -> {
              String text = item.toString();
              for (String needle : needles) {
                if (text.contains(needle)) {
                  found.add(item);
                  return;
                }
              }
            });
    return found;
  }

  private static void deliver(byte[] body) {
    HttpResponse<String> response = gateway.deliver(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** A text from the customer with their BSUID; with their number too when {@code withNumber}. */
  private static byte[] bsuidMessage(String wamid, boolean withNumber, long seconds, String body) {
    String contact =
        "{\"profile\":{\"name\":\"Erasure Customer\",\"username\":\"@erasure\"},"
            + (withNumber ? "\"wa_id\":\"" + WA_ID + "\"," : "")
            + "\"user_id\":\""
            + BSUID
            + "\"}";
    String message =
        "{"
            + (withNumber ? "\"from\":\"" + WA_ID + "\"," : "")
            + "\"from_user_id\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}"
                .formatted(BSUID, wamid, seconds, body);
    return envelope("\"contacts\":[" + contact + "],\"messages\":[" + message + "]");
  }

  /** A status entry with a usable recipient but no status value: kept raw (data-model 9.3a). */
  private static byte[] unroutableStatus(String wamid, String recipient, long seconds) {
    return envelope(
        "\"statuses\":[{\"id\":\"%s\",\"status\":\"\",\"timestamp\":\"%d\",\"recipient_id\":\"%s\"}]"
            .formatted(wamid, seconds, recipient));
  }

  private static byte[] envelope(String valueFields) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\","
            + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"metadata\":{\"display_phone_number\":\"27105550100\",\"phone_number_id\":\""
            + Webhooks.PHONE_NUMBER_ID
            + "\"},"
            + valueFields
            + "}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> twilio(
      String sid, String status, int sequence, long epochSecond, String duration) {
    return TwilioCallbacks.callback(sid, status, sequence, epochSecond, duration, SPACED);
  }

  private static HttpResponse<String> postTwilio(Map<String, String> form) throws Exception {
    return TwilioCallbacks.signed(gateway, form, TWILIO_TOKEN);
  }
}
