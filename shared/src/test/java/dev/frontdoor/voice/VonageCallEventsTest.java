package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.Specs;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VonageCallEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PSTN_LEG = "0779a56d002f1c7f47f82ef5fe84ab79";
  private static final String APP_LEG = "944bf4bf-8dc7-4e23-86b2-2f4234777416";
  private static final String CONVERSATION = "CON-8f5a100c-fbce-4218-8d4b-16341335bcd6";

  private final VonageCallEvents parser = new VonageCallEvents("ZA");

  /**
   * Every published event of the phone-to-app tutorial. The app leg ("outbound" to the app user
   * Alice) has the customer's number as from: the customer called, so it is INBOUND here.
   */
  @ParameterizedTest
  @CsvSource({
    "voice_event_inbound_ringing.json,   0779a56d002f1c7f47f82ef5fe84ab79,     ringing,   RINGING,   inbound,  +442038297050, 1617052805582, ",
    "voice_event_inbound_started.json,   0779a56d002f1c7f47f82ef5fe84ab79,     started,   INITIATED, inbound,  +442038297050, 1617052805582, ",
    "voice_event_inbound_answered.json,  0779a56d002f1c7f47f82ef5fe84ab79,     answered,  ANSWERED,  inbound,  +442038297050, 1617052806182, ",
    "voice_event_inbound_completed.json, 0779a56d002f1c7f47f82ef5fe84ab79,     completed, COMPLETED, inbound,  +442038297050, 1617052817514, 12",
    "voice_event_outbound_started.json,  944bf4bf-8dc7-4e23-86b2-2f4234777416, started,   INITIATED, outbound, Alice,         1617052813025, ",
    "voice_event_outbound_answered.json, 944bf4bf-8dc7-4e23-86b2-2f4234777416, answered,  ANSWERED,  outbound, Alice,         1617052813025, ",
    "voice_event_outbound_completed.json,944bf4bf-8dc7-4e23-86b2-2f4234777416, completed, COMPLETED, outbound, Alice,         1617052817574, 5"
  })
  void parse_publishedEvent_mapsEveryField(
      String file,
      String uuid,
      String status,
      CallState state,
      String vonageDirection,
      String business,
      long at,
      Integer duration) {
    // GIVEN a published event webhook body
    byte[] body = Specs.bytes("vonage", file);

    // WHEN it is parsed
    CallEvent event = (CallEvent) parser.parse(body);

    // THEN
    assertThat(event.provider()).isEqualTo(CallProvider.VONAGE);
    assertThat(event.providerCallId()).isEqualTo(uuid);
    assertThat(event.lookupKey()).isEqualTo("CALL#vonage#" + uuid);
    assertThat(event.providerStatus()).isEqualTo(status);
    assertThat(event.state()).isEqualTo(state);
    assertThat(event.customer().e164()).isEqualTo("+447700900000");
    assertThat(event.businessParty()).isEqualTo(business);
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.atMillis()).isEqualTo(at);
    assertThat(event.eventKey()).isEqualTo(status + "#" + at);
    assertThat(event.sequence()).isEqualTo(-1);
    assertThat(event.durationSeconds()).isEqualTo(duration);
    assertThat(event.agent()).isNull();
    assertThat(event.details())
        .containsEntry("conversation_uuid", CONVERSATION)
        .containsEntry("provider_direction", vonageDirection);
    assertThat(event.source().get()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void publishedEvents_areAllReplayed() {
    // the table above names every voice_event_*.json but the sequence (replayed below)
    List<String> files =
        Specs.names(Specs.of("vonage"), ".json").stream()
            .filter(name -> name.startsWith("voice_event_") && !name.contains("sequence"))
            .toList();
    assertThat(files)
        .containsExactlyInAnyOrder(
            "voice_event_inbound_ringing.json",
            "voice_event_inbound_started.json",
            "voice_event_inbound_answered.json",
            "voice_event_inbound_completed.json",
            "voice_event_outbound_started.json",
            "voice_event_outbound_answered.json",
            "voice_event_outbound_completed.json");
  }

  @Test
  void parse_completedEvents_keepNetworkAndTimes() {
    CallEvent event =
        (CallEvent) parser.parse(Specs.bytes("vonage", "voice_event_inbound_completed.json"));

    // the published body has from: " 447700900000" (a stray space): still the same customer
    assertThat(event.customer().e164()).isEqualTo("+447700900000");
    assertThat(event.state().endsCall()).isTrue();
    assertThat(event.details())
        .containsEntry("network", "GB-FIXED")
        .containsEntry("start_time", "2021-03-29T21:20:06.000Z")
        .containsEntry("end_time", "2021-03-29T21:20:18.000Z");
  }

  @Test
  void parse_publishedSequence_givesTwoLegsOfOneCustomerInOrder() throws Exception {
    // GIVEN the seven events the tutorial prints, in published order
    JsonNode sequence =
        JSON.readTree(Specs.bytes("vonage", "voice_event_sequence_phone_to_app.json"));

    // WHEN each is parsed
    List<CallEvent> events = new ArrayList<>();
    for (JsonNode item : sequence) {
      events.add((CallEvent) parser.parse(JSON.writeValueAsBytes(item)));
    }

    // THEN both legs belong to the caller, with distinct keys, in the published order
    assertThat(events)
        .extracting(e -> e.providerCallId() + ":" + e.state())
        .containsExactly(
            PSTN_LEG + ":RINGING",
            PSTN_LEG + ":INITIATED",
            PSTN_LEG + ":ANSWERED",
            APP_LEG + ":INITIATED",
            APP_LEG + ":ANSWERED",
            APP_LEG + ":COMPLETED",
            PSTN_LEG + ":COMPLETED");
    assertThat(events).extracting(e -> e.customer().e164()).containsOnly("+447700900000");
    assertThat(events).extracting(CallEvent::direction).containsOnly(CallDirection.INBOUND);
    assertThat(events).extracting(e -> e.lookupKey() + "/" + e.eventKey()).doesNotHaveDuplicates();
    assertThat(events.get(6).durationSeconds()).isEqualTo(12);
    assertThat(events.get(5).durationSeconds()).isEqualTo(5);
  }

  @ParameterizedTest
  @CsvSource({
    "started, INITIATED",
    "ringing, RINGING",
    "answered, ANSWERED",
    "completed, COMPLETED",
    "disconnected, COMPLETED",
    "busy, BUSY",
    "failed, FAILED",
    "rejected, REJECTED",
    "timeout, NO_ANSWER",
    "unanswered, NO_ANSWER",
    "cancelled, CANCELLED",
    "Busy, BUSY",
    "UNANSWERED, NO_ANSWER"
  })
  void parse_everyVonageStatus_mapsToOneState(String status, CallState expected) {
    CallEvent event = (CallEvent) parser.parse(outbound(status));

    assertThat(event.state()).isEqualTo(expected);
    assertThat(event.providerStatus()).isEqualTo(status);
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo("+27105550100");
    assertThat(event.eventKey())
        .isEqualTo(status.toLowerCase(java.util.Locale.ROOT) + "#1577880000000");
  }

  @Test
  void parse_unansweredWithDetail_keepsTheDetail() {
    String body =
        """
        {"from": "27105550100", "to": "27821234567", "uuid": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
         "conversation_uuid": "CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab", "status": "unanswered",
         "detail": "unavailable", "direction": "outbound", "timestamp": "2020-01-01T12:00:00.000Z"}
        """;
    CallEvent event = (CallEvent) parser.parse(bytes(body));
    assertThat(event.details()).containsEntry("detail", "unavailable");
  }

  @Test
  void parse_disconnectedWithoutDirection_readsTheCallerAsCustomer() {
    // GIVEN the reference's disconnected event, which lists no direction
    String body =
        """
        {"from": "27821234567", "to": "27105550100", "uuid": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
         "conversation_uuid": "CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab", "status": "disconnected",
         "timestamp": "2020-01-01T12:00:00.000Z"}
        """;
    CallEvent event = (CallEvent) parser.parse(bytes(body));
    assertThat(event.state()).isEqualTo(CallState.COMPLETED);
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.details()).doesNotContainKey("provider_direction");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"call_uuid\": \"aaaaaaaa\", \"status\": \"machine\", \"timestamp\": \"2020-01-01T12:00:00.000Z\"}| aaaaaaaa | machine | a machine detection result",
        "{\"call_uuid\": \"aaaaaaaa\", \"status\": \"human\"}| aaaaaaaa | human | a machine detection result",
        "{\"recording_url\": \"https://api.nexmo.com/v1/files/x\", \"recording_uuid\": \"r\"}| | | a recording event",
        "{\"uuid\": \"aaaaaaaa\", \"dtmf\": {\"digits\": \"42\"}}| aaaaaaaa | | an input event",
        "{\"uuid\": \"aaaaaaaa\", \"conversation_uuid_from\": \"CON-1\", \"conversation_uuid_to\": \"CON-2\"}| aaaaaaaa | | a transfer event",
        "{\"reason\": \"Syntax error in NCCO.\", \"conversation_uuid\": \"CON-1\"}| | | an error event"
      })
  void parse_eventWithoutACallState_isNotACallState(
      String body, String callId, String status, String reason) {
    ParsedCallEvent parsed = parser.parse(bytes(body));

    assertThat(parsed).isEqualTo(new NotACallState(CallProvider.VONAGE, callId, status, reason));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json| the body is not valid JSON",
        "[1, 2]| the body must be a JSON object",
        "{\"status\": \"ringing\"} trailing| the body is not valid JSON",
        "{\"from\": \"27821234567\", \"to\": \"27105550100\"}| status is required",
        "{\"status\": 7}| status must be a string",
        "{\"status\": \"paused\", \"uuid\": \"u\"}| status is not a Vonage call status",
        "{\"status\": \"ringing\", \"from\": \"27821234567\", \"to\": \"27105550100\", \"timestamp\": \"2020-01-01T12:00:00Z\"}| uuid is required",
        "{\"status\": \"ringing\", \"uuid\": \"u 1\"}| uuid must be 1-256 printable ASCII characters without spaces",
        "{\"status\": \"ringing\", \"uuid\": \"u\", \"direction\": \"sideways\"}| direction must be inbound or outbound",
        "{\"status\": \"ringing\", \"uuid\": \"u\", \"direction\": \"inbound\", \"from\": \"Alice\", \"to\": \"Bob\"}| neither from nor to is a phone number",
        "{\"status\": \"ringing\", \"uuid\": \"u\", \"direction\": \"inbound\", \"from\": \"12\", \"to\": \"27105550100\"}| from is not a valid phone number",
        "{\"status\": \"ringing\", \"uuid\": \"u\", \"from\": \"27821234567\", \"to\": \"27105550100\", \"timestamp\": \"yesterday\"}| timestamp is not an ISO-8601 date-time",
        "{\"status\": \"ringing\", \"uuid\": \"u\", \"from\": \"27821234567\", \"to\": \"27105550100\"}| timestamp is required",
        "{\"status\": \"completed\", \"uuid\": \"u\", \"from\": \"27821234567\", \"to\": \"27105550100\", \"timestamp\": \"2020-01-01T12:00:00Z\", \"duration\": \"-3\"}| duration must be a whole number of seconds",
        "{\"status\": \"completed\", \"uuid\": \"u\", \"from\": {\"n\": 1}}| from must be a string"
      })
  void parse_outOfSpecBody_isMalformedNamingTheField(String body, String reason) {
    assertThatThrownBy(() -> parser.parse(bytes(body)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessageStartingWith(reason.strip())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("821234567"));
  }

  @Test
  void parse_answerWebhookOnTheEventUrl_isMalformed() {
    // the answer webhook asks for an NCCO; it carries no status
    assertThatThrownBy(() -> parser.parse(Specs.bytes("vonage", "voice_answer_webhook_post.json")))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("status is required");
  }

  @Test
  void parse_oversizedFieldOrBody_isMalformed() {
    String longId = "{\"status\": \"ringing\", \"uuid\": \"" + "a".repeat(300) + "\"}";
    assertThatThrownBy(() -> parser.parse(bytes(longId)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("uuid is longer than 256 characters");
    String huge = "{\"status\": \"ringing\", \"pad\": \"" + "a".repeat(70_000) + "\"}";
    assertThatThrownBy(() -> parser.parse(bytes(huge)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is larger than 65536 bytes");
    assertThatThrownBy(() -> parser.parse(new byte[0]))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is empty");
  }

  private static byte[] outbound(String status) {
    return bytes(
        """
        {"from": "27105550100", "to": "27821234567", "uuid": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
         "conversation_uuid": "CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab", "status": "%s",
         "direction": "outbound", "timestamp": "2020-01-01T12:00:00.000Z"}
        """
            .formatted(status));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
