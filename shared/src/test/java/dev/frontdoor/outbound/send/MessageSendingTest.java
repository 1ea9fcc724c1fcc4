package dev.frontdoor.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.Secret;
import dev.frontdoor.testing.InboundMessages;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The send API's use case over the in-memory stores: window, opt-out and idempotency rules. */
class MessageSendingTest {
  private static final String BUSINESS = "106540352242922";
  private static final String OTHER_BUSINESS = "106540352242923";
  private static final CustomerNumber CUSTOMER = new CustomerNumber(Sensitive.CUSTOMER_E164);
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final CustomerRefs REFS = new CustomerRefs(Secret.of("unit-test-ref-key"));
  private static final SendRequestReader READER =
      new SendRequestReader("ZA", new BusinessNumbers(List.of(BUSINESS, OTHER_BUSINESS)));

  private final InMemoryStores stores = new InMemoryStores();
  private final List<String> queued = new CopyOnWriteArrayList<>();
  private final MessageSending sending =
      new MessageSending(
          READER,
          stores.idempotency(),
          stores.customers(),
          stores.messages(),
          (messageId, group) -> queued.add(messageId + " " + group),
          REFS,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void text_insideTheWindow_isQueuedAndRecorded() {
    customerWrote(BUSINESS, NOW.minusSeconds(3_600));

    SendOutcome outcome = sending.send("crm", Optional.empty(), READER.read(text(BUSINESS)));

    assertThat(outcome.isQueued()).isTrue();
    assertThat(queued).containsExactly(outcome.messageId() + " " + REFS.of(CUSTOMER));
    assertThat(stores.messages().messageView(outcome.messageId(), NOW).orElseThrow())
        .containsEntry("status", "queued")
        .containsEntry("business_number_id", BUSINESS);
  }

  @Test
  void text_windowClosed_refusedAndNothingQueued() {
    // GIVEN the customer's latest message is 25 hours old, and a newer one went to another number
    customerWrote(BUSINESS, NOW.minusSeconds(25 * 3_600));
    customerWrote(OTHER_BUSINESS, NOW.minusSeconds(60));

    SendOutcome outcome = sending.send("crm", Optional.empty(), READER.read(text(BUSINESS)));

    assertThat(outcome.reason()).isEqualTo(SendOutcome.Reason.WINDOW_CLOSED);
    assertThat(outcome.code()).isEqualTo("window_closed");
    assertThat(queued).isEmpty();
    assertThat(stores.timeline().live(CUSTOMER, NOW).values())
        .noneMatch(item -> "out".equals(item.get("direction")));
  }

  @Test
  void template_windowClosed_isQueued() {
    SendOutcome outcome = sending.send("crm", Optional.empty(), READER.read(template(BUSINESS)));

    assertThat(outcome.isQueued()).isTrue();
    assertThat(queued).hasSize(1);
  }

  @Test
  void optedOut_templateRefused_replyInsideTheWindowStillAllowed() {
    customerWrote(BUSINESS, NOW.minusSeconds(60));
    stores
        .customers()
        .recordOptOut(CUSTOMER, true, NOW.minusSeconds(30).toEpochMilli(), "keyword", NOW);

    SendOutcome template = sending.send("crm", Optional.empty(), READER.read(template(BUSINESS)));
    SendOutcome reply = sending.send("crm", Optional.empty(), READER.read(text(BUSINESS)));

    assertThat(template.reason()).isEqualTo(SendOutcome.Reason.OPTED_OUT);
    assertThat(template.code()).isEqualTo("opted_out");
    assertThat(reply.isQueued()).isTrue();
    assertThat(queued).hasSize(1);
  }

  @Test
  void idempotencyKey_replayed_sameAnswerAndOneSend() {
    SendRequest request = READER.read(template(BUSINESS));

    SendOutcome first = sending.send("crm", Optional.of("key-1"), request);
    SendOutcome replay = sending.send("crm", Optional.of("key-1"), request);

    assertThat(replay).isEqualTo(first);
    assertThat(queued).hasSize(1);
    // the key is the client's own: another client's same key is another send
    assertThat(sending.send("erp", Optional.of("key-1"), request).messageId())
        .isNotEqualTo(first.messageId());
  }

  @Test
  void idempotencyKey_reusedForAnotherRequest_conflict() {
    sending.send("crm", Optional.of("key-2"), READER.read(template(BUSINESS)));

    SendOutcome conflict =
        sending.send("crm", Optional.of("key-2"), READER.read(template(OTHER_BUSINESS)));

    assertThat(conflict.reason()).isEqualTo(SendOutcome.Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(conflict.code()).isEqualTo("idempotency_key_reused");
    assertThat(queued).hasSize(1);
  }

  @Test
  void idempotencyKey_refusalIsAnsweredAgain_evenAfterTheWindowOpens() {
    SendRequest request = READER.read(text(BUSINESS));
    SendOutcome refused = sending.send("crm", Optional.of("key-3"), request);
    customerWrote(BUSINESS, NOW.minusSeconds(60));

    assertThat(sending.send("crm", Optional.of("key-3"), request)).isEqualTo(refused);
    assertThat(queued).isEmpty();
  }

  @Test
  void unconfiguredBusinessNumber_refusedBeforeAnyStoreOrQueue() {
    assertThatThrownBy(() -> READER.read(text("999999999")))
        .isInstanceOf(InvalidSendRequestException.class)
        .hasMessageStartingWith("business_number_id:");
    assertThat(queued).isEmpty();
    assertThat(stores.timeline().live(CUSTOMER, NOW)).isEmpty();
  }

  @Test
  void command_validBody_queued() {
    SendOutcome outcome =
        sending.send(new SendCommand("crm", Optional.of("key-c"), template(BUSINESS)));

    assertThat(outcome.isQueued()).isTrue();
    assertThat(queued).hasSize(1);
  }

  @Test
  void command_invalidBodyOrKey_refusedAsInvalidBeforeAnyStoreOrQueue() {
    SendOutcome badBody =
        sending.send(
            new SendCommand(
                "crm", Optional.of("key-d"), "{\"to\":1}".getBytes(StandardCharsets.UTF_8)));
    SendOutcome badKey =
        sending.send(new SendCommand("crm", Optional.of("k\u00e9y"), template(BUSINESS)));
    SendOutcome emptyKey =
        sending.send(new SendCommand("crm", Optional.of(""), template(BUSINESS)));

    assertThat(badBody.reason()).isEqualTo(SendOutcome.Reason.INVALID_REQUEST);
    assertThat(badBody.message()).startsWith("to:");
    assertThat(badKey.reason()).isEqualTo(SendOutcome.Reason.INVALID_REQUEST);
    assertThat(badKey.message()).startsWith("Idempotency-Key:");
    assertThat(emptyKey.reason()).isEqualTo(SendOutcome.Reason.INVALID_REQUEST);
    assertThat(queued).isEmpty();
    assertThat(stores.timeline().live(CUSTOMER, NOW)).isEmpty();
    // the refused body did not claim its key: the same key works for a valid request
    assertThat(
            sending
                .send(new SendCommand("crm", Optional.of("key-d"), template(BUSINESS)))
                .isQueued())
        .isTrue();
  }

  @Test
  void agent_named_isStoredAndShown_otherwiseTheApiClientActedUnshown() {
    SendOutcome named =
        sending.send(
            "crm",
            Optional.empty(),
            READER.read(withAgent(template(BUSINESS), "thandi@example.co.za")));
    SendOutcome unnamed = sending.send("crm", Optional.empty(), READER.read(template(BUSINESS)));

    assertThat(stores.messages().messageView(named.messageId(), NOW).orElseThrow())
        .containsEntry("agent", "thandi@example.co.za");
    // unnamed, the API client acted: kept on the item, but it is the token's hash, never shown
    assertThat(stores.messages().messageView(unnamed.messageId(), NOW).orElseThrow())
        .doesNotContainKey("agent");
    assertThat(stores.timeline().live(CUSTOMER, NOW).values())
        .filteredOn(item -> unnamed.messageId().equals(item.get("message_id")))
        .singleElement()
        .satisfies(item -> assertThat(item).containsEntry("agent", "crm"));
  }

  @Test
  void agent_invalid_refusedNamingTheField() {
    for (String agent :
        List.of("\"\"", "\"has space\"", "\"-leading\"", "42", "\"" + "a".repeat(129) + "\"")) {
      byte[] body =
          body(
              BUSINESS,
              "\"agent\":"
                  + agent
                  + ",\"type\":\"template\",\"template\":{\"name\":\"w\",\"language\":{\"code\":\"en\"}}");
      SendOutcome outcome = sending.send(new SendCommand("crm", Optional.empty(), body));

      assertThat(outcome.reason()).as(agent).isEqualTo(SendOutcome.Reason.INVALID_REQUEST);
      assertThat(outcome.message()).as(agent).startsWith("agent:");
    }
    assertThat(queued).isEmpty();
  }

  @Test
  void agent_onlyInTheCanonicalRequestWhenGiven_soOldKeysStillMatch() {
    assertThat(READER.read(template(BUSINESS)).canonicalJson()).doesNotContain("agent");
    assertThat(READER.read(withAgent(template(BUSINESS), "crm-bot")).canonicalJson())
        .contains("\"agent\":\"crm-bot\"");
    // the same key with another agent is another request
    sending.send("crm", Optional.of("key-a"), READER.read(withAgent(template(BUSINESS), "a1")));
    assertThat(
            sending
                .send("crm", Optional.of("key-a"), READER.read(withAgent(template(BUSINESS), "a2")))
                .reason())
        .isEqualTo(SendOutcome.Reason.IDEMPOTENCY_KEY_REUSED);
  }

  @Test
  void callPermissionRequest_insideTheWindow_isQueued() {
    customerWrote(BUSINESS, NOW.minusSeconds(60));

    SendOutcome outcome =
        sending.send(
            "crm",
            Optional.empty(),
            READER.read(callPermissionRequest(BUSINESS, "May we call you about order 12?")));

    assertThat(outcome.isQueued()).isTrue();
    assertThat(stores.messages().messageView(outcome.messageId(), NOW).orElseThrow())
        .containsEntry("type", "interactive");
  }

  @Test
  void callPermissionRequest_outsideTheWindow_refusedAsWindowClosed() {
    // Meta wants a template with a call-permission button then; that path is a template send
    SendOutcome outcome =
        sending.send(
            "crm", Optional.empty(), READER.read(callPermissionRequest(BUSINESS, "May we call?")));

    assertThat(outcome.reason()).isEqualTo(SendOutcome.Reason.WINDOW_CLOSED);
    assertThat(queued).isEmpty();
  }

  @Test
  void callPermissionRequest_invalid_refusedNamingTheField() {
    String noBody =
        "\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_request\","
            + "\"action\":{\"name\":\"call_permission_request\"}}";
    String wrongAction =
        "\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_request\","
            + "\"action\":{\"name\":\"send_location\"},\"body\":{\"text\":\"hi\"}}";

    assertThatThrownBy(() -> READER.read(body(BUSINESS, noBody)))
        .isInstanceOf(InvalidSendRequestException.class)
        .hasMessageStartingWith("interactive.body.text:");
    assertThatThrownBy(() -> READER.read(body(BUSINESS, wrongAction)))
        .isInstanceOf(InvalidSendRequestException.class)
        .hasMessageStartingWith("interactive.action.name:");
    assertThatThrownBy(() -> READER.read(callPermissionRequest(BUSINESS, "x".repeat(1025))))
        .isInstanceOf(InvalidSendRequestException.class)
        .hasMessageStartingWith("interactive.body.text:");
    assertThat(READER.read(callPermissionRequest(BUSINESS, "x".repeat(1024))).preview())
        .hasSize(1024);
  }

  @Test
  void storedReasons_readBackByTheirCodes() {
    for (SendOutcome.Reason reason : SendOutcome.Reason.values()) {
      assertThat(SendOutcome.Reason.ofCode(reason.code())).isEqualTo(reason);
    }
  }

  private void customerWrote(String businessNumberId, Instant at) {
    stores
        .messages()
        .putInboundMessage(
            InboundMessages.text(
                "wamid." + businessNumberId + "." + at.toEpochMilli(),
                CUSTOMER,
                new BusinessNumber(businessNumberId, "27105550100", "102290129340398"),
                at,
                null),
            NOW);
  }

  private static byte[] text(String businessNumberId) {
    return body(businessNumberId, "\"type\":\"text\",\"text\":{\"body\":\"hello\"}");
  }

  private static byte[] template(String businessNumberId) {
    return body(
        businessNumberId,
        "\"type\":\"template\",\"template\":{\"name\":\"welcome\",\"language\":{\"code\":\"en\"}}");
  }

  /** Meta's free-form call permission request (OpenAPI v23.0, InteractiveObject / ActionObject). */
  private static byte[] callPermissionRequest(String businessNumberId, String text) {
    return body(
        businessNumberId,
        "\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_request\","
            + "\"action\":{\"name\":\"call_permission_request\"},\"body\":{\"text\":\""
            + text
            + "\"}}");
  }

  private static byte[] withAgent(byte[] body, String agent) {
    String json = new String(body, StandardCharsets.UTF_8);
    return ("{\"agent\":\"" + agent + "\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] body(String businessNumberId, String message) {
    return ("{\"to\":\""
            + Sensitive.CUSTOMER_E164
            + "\",\"business_number_id\":\""
            + businessNumberId
            + "\","
            + message
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
