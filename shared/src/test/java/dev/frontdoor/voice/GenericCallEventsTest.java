package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericCallEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK_ID = "evt_01JX8P1Z206H2J4K8M0N3P5Q7R";

  private final GenericCallEvents parser = new GenericCallEvents("ZA");

  @Test
  void parse_theDocumentedExample_mapsEveryField() throws Exception {
    // GIVEN the example of docs/voice-generic-webhook.md, as published there
    byte[] body = documentedExample();

    // WHEN it is parsed
    CallEvent event = parser.parse(body, WEBHOOK_ID);

    // THEN
    assertThat(event.provider()).isEqualTo(CallProvider.GENERIC);
    assertThat(event.providerCallId()).isEqualTo("pbx-2025-06-10-000123");
    assertThat(event.lookupKey()).isEqualTo("CALL#generic#pbx-2025-06-10-000123");
    assertThat(event.eventKey()).isEqualTo(WEBHOOK_ID);
    assertThat(event.state()).isEqualTo(CallState.COMPLETED);
    assertThat(event.providerStatus()).isEqualTo("completed");
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo("+27105550100");
    // 2025-06-10T12:05:00Z
    assertThat(event.atMillis()).isEqualTo(1_749_557_100_000L);
    assertThat(event.durationSeconds()).isEqualTo(300);
    assertThat(event.sequence()).isEqualTo(4);
    assertThat(event.agent()).isEqualTo("agent-42");
    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(Map.of("queue", "billing", "hangup_by", "customer"));
    assertThat(event.source().get()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void parse_minimalOutboundEvent_customerIsToAndOptionalsAreAbsent() {
    String body =
        """
        {"call_id": "c-1", "status": "No_Answer", "direction": "outbound",
         "from": "ext-201", "to": "082 123 4567", "timestamp": "2025-06-10T14:00:00.250+02:00"}
        """;

    CallEvent event = parser.parse(bytes(body), " " + WEBHOOK_ID + " ");

    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo("ext-201");
    assertThat(event.state()).isEqualTo(CallState.NO_ANSWER);
    assertThat(event.providerStatus()).isEqualTo("No_Answer");
    assertThat(event.atMillis()).isEqualTo(1_749_556_800_250L);
    assertThat(event.eventKey()).isEqualTo(WEBHOOK_ID);
    assertThat(event.sequence()).isEqualTo(-1);
    assertThat(event.durationSeconds()).isNull();
    assertThat(event.agent()).isNull();
    assertThat(event.details()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "initiated, INITIATED",
    "ringing, RINGING",
    "answered, ANSWERED",
    "completed, COMPLETED",
    "busy, BUSY",
    "failed, FAILED",
    "no_answer, NO_ANSWER",
    "rejected, REJECTED",
    "cancelled, CANCELLED",
    "RINGING, RINGING"
  })
  void parse_everyStatus_isItsState(String status, CallState state) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(documentedExample());
    root.put("status", status);

    CallEvent event = parser.parse(JSON.writeValueAsBytes(root), WEBHOOK_ID);

    assertThat(event.state()).isEqualTo(state);
    assertThat(state.wireName()).isEqualTo(status.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "call_id| | call_id is required",
        "call_id| a b| call_id must be 1-256 printable ASCII characters without spaces",
        "status| | status is required",
        "status| no-answer| status must be one of initiated, ringing, answered, completed, busy, failed, no_answer, rejected, cancelled",
        "direction| both| direction must be inbound or outbound",
        "from| | from is required",
        "from| client:alice| from must be a phone number: it is the customer's side of an inbound call",
        "from| 12| from is not a valid phone number",
        "timestamp| 2025-06-10T12:05:00| timestamp is not an ISO-8601 date-time",
        "timestamp| 1749557100| timestamp is not an ISO-8601 date-time",
        "caller| +27821234567| unknown field \"caller\""
      })
  void parse_outOfSpecField_isRefusedNamingIt(String field, String value, String reason)
      throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(documentedExample());
    if (value == null) {
      root.remove(field);
    } else {
      root.put(field, value);
    }

    assertThatThrownBy(() -> parser.parse(JSON.writeValueAsBytes(root), WEBHOOK_ID))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage(reason.strip());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"duration_s\": \"300\"| duration_s must be a whole number from 0 to 999999999",
        "\"duration_s\": -1| duration_s must be a whole number from 0 to 999999999",
        "\"duration_s\": 1.5| duration_s must be a whole number from 0 to 999999999",
        "\"sequence\": 10000000000| sequence must be a whole number from 0 to 999999999",
        "\"agent\": 42| agent must be a string",
        "\"status\": true| status must be a string",
        "\"details\": []| details must be an object",
        "\"details\": {\"Queue\": \"x\"}| details names must match [a-z0-9_]{1,64}",
        "\"details\": {\"queue\": 7}| details.queue must be a string",
        "\"details\": {\"queue\": null}| details.queue must be a string"
      })
  void parse_wrongType_isRefusedNamingTheField(String field, String reason) {
    String body =
        """
        {"call_id": "c-1", "status": "ringing", "direction": "inbound", "from": "+27821234567",
         "to": "+27105550100", "timestamp": "2025-06-10T12:00:00Z", %s}
        """
            .formatted(field);
    assertThatThrownBy(() -> parser.parse(bytes(body), WEBHOOK_ID))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage(reason.strip());
  }

  @Test
  void parse_oversizedOrNonJsonOrBadWebhookId_isRefused() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(documentedExample());
    root.put("agent", "a".repeat(257));
    assertThatThrownBy(() -> parser.parse(JSON.writeValueAsBytes(root), WEBHOOK_ID))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("agent is longer than 256 characters");
    ObjectNode many = (ObjectNode) JSON.readTree(documentedExample());
    ObjectNode details = many.putObject("details");
    for (int i = 0; i <= GenericCallEvents.MAX_DETAILS; i++) {
      details.put("k" + i, "v");
    }
    assertThatThrownBy(() -> parser.parse(JSON.writeValueAsBytes(many), WEBHOOK_ID))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("details has more than 20 fields");
    assertThatThrownBy(() -> parser.parse(bytes("call_id=c-1"), WEBHOOK_ID))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is not valid JSON");
    assertThatThrownBy(() -> parser.parse(documentedExample(), null))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("webhook-id is required");
    assertThatThrownBy(() -> parser.parse(documentedExample(), "x".repeat(257)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("webhook-id must be 1-256 printable ASCII characters without spaces");
  }

  /** The JSON block of the example in the doc, so the doc and the parser cannot drift apart. */
  private static byte[] documentedExample() throws Exception {
    String doc = Files.readString(Path.of("../docs/voice-generic-webhook.md"));
    Matcher block =
        Pattern.compile("```http\\n.*?\\n\\n(\\{.*?\\n\\})\\n```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("the example block of docs/voice-generic-webhook.md").isTrue();
    return bytes(block.group(1));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
