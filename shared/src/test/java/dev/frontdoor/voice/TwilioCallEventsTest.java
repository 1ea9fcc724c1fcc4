package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.Specs;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Twilio publishes no status-callback example under an open licence (see specs/twilio/SOURCES.md):
 * the callbacks below are built here from the parameter list of Twilio's docs. The one published
 * voice webhook body (the answer webhook of twilio-oai's Notification example) is replayed as is.
 */
class TwilioCallEventsTest {
  private static final String CALL_SID = "CA0123456789abcdef0123456789abcdef";
  private static final String PARENT_SID = "CAfedcba9876543210fedcba9876543210";
  private static final String BUSINESS = "+27105550100";
  private static final long RECEIVED = 1_749_556_900_000L;

  /** "Tue, 10 Jun 2025 12:00:00 +0000" */
  private static final long TIMESTAMP_MS = 1_749_556_800_000L;

  private final TwilioCallEvents parser = new TwilioCallEvents("ZA");

  @Test
  void parse_publishedAnswerWebhook_isAnsweredInboundAtReceiveTime() {
    // GIVEN twilio-oai's example voice webhook: no Timestamp, SequenceNumber or CallDuration
    byte[] body = Specs.bytes("twilio", "voice_webhook_request_variables_example.form");

    // WHEN it is parsed
    CallEvent event = parser.parse(body, RECEIVED);

    // THEN every mapped field comes from the body, and the time is the receive time
    assertThat(event.provider()).isEqualTo(CallProvider.TWILIO);
    assertThat(event.providerCallId()).isEqualTo("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(event.lookupKey()).isEqualTo("CALL#twilio#CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(event.state()).isEqualTo(CallState.ANSWERED);
    assertThat(event.providerStatus()).isEqualTo("in-progress");
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.customer().e164()).isEqualTo("+17378742833");
    assertThat(event.businessParty()).isEqualTo("+14156694923");
    assertThat(event.atMillis()).isEqualTo(RECEIVED);
    assertThat(event.sequence()).isEqualTo(-1);
    assertThat(event.eventKey()).isEqualTo("in-progress");
    assertThat(event.durationSeconds()).isNull();
    assertThat(event.agent()).isNull();
    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "provider_direction", "inbound",
                "account_sid", "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assertThat(event.source().get()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void parse_completedStatusCallback_readsTimeSequenceAndDuration() {
    // GIVEN a completed callback of an inbound call (built here: not published)
    Map<String, String> form = callback("completed", "inbound", Sensitive.CUSTOMER_E164, BUSINESS);
    form.put("Timestamp", "Tue, 10 Jun 2025 12:00:00 +0000");
    form.put("SequenceNumber", "3");
    form.put("CallDuration", "42");
    form.put("CallbackSource", "call-progress-events");
    form.put("SipResponseCode", "200");

    // WHEN it is parsed
    CallEvent event = parser.parse(encode(form), RECEIVED);

    // THEN
    assertThat(event.providerCallId()).isEqualTo(CALL_SID);
    assertThat(event.state()).isEqualTo(CallState.COMPLETED);
    assertThat(event.state().endsCall()).isTrue();
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo(BUSINESS);
    assertThat(event.atMillis()).isEqualTo(TIMESTAMP_MS);
    assertThat(event.sequence()).isEqualTo(3);
    assertThat(event.eventKey()).isEqualTo("completed#3");
    assertThat(event.durationSeconds()).isEqualTo(42);
    assertThat(event.details())
        .containsEntry("callback_source", "call-progress-events")
        .containsEntry("sip_response_code", "200")
        .containsEntry("provider_direction", "inbound");
  }

  @Test
  void parse_outboundApiCall_customerIsTo() {
    // GIVEN the business calls the customer through the API
    Map<String, String> form =
        callback("ringing", "outbound-api", BUSINESS, Sensitive.CUSTOMER_SPACED);
    form.put("SequenceNumber", "1");

    // WHEN it is parsed
    CallEvent event = parser.parse(encode(form), RECEIVED);

    // THEN the called party is the customer, in E.164 whatever its spelling
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo(BUSINESS);
    assertThat(event.state()).isEqualTo(CallState.RINGING);
    assertThat(event.eventKey()).isEqualTo("ringing#1");
  }

  @Test
  void parse_nationalNumber_isReadInTheDefaultRegion() {
    Map<String, String> form = callback("initiated", "outbound-api", BUSINESS, "082 123 4567");

    CallEvent event = parser.parse(encode(form), RECEIVED);

    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.state()).isEqualTo(CallState.INITIATED);
  }

  @Test
  void parse_agentAppDiallingACustomer_customerIsToAndCallIsOutbound() {
    // GIVEN a Voice SDK leg: Twilio calls it inbound, From is the agent's client identity
    Map<String, String> form =
        callback("in-progress", "inbound", "client:alice", Sensitive.CUSTOMER_E164);

    // WHEN it is parsed
    CallEvent event = parser.parse(encode(form), RECEIVED);

    // THEN the phone side is the customer, and the business called them
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo("client:alice");
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.details()).containsEntry("provider_direction", "inbound");
  }

  @Test
  void parse_dialLegToASipAgent_customerIsTheCallerWithTheParentCall() {
    // GIVEN a <Dial> child leg from the customer's call to a SIP desk phone
    Map<String, String> form =
        callback("answered", "outbound-dial", Sensitive.CUSTOMER_E164, "sip:desk@pbx.example.com");
    form.put("ParentCallSid", PARENT_SID);

    // WHEN it is parsed
    CallEvent event = parser.parse(encode(form), RECEIVED);

    // THEN the customer is the caller and the parent call is kept
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo("sip:desk@pbx.example.com");
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.state()).isEqualTo(CallState.ANSWERED);
    assertThat(event.details()).containsEntry("parent_call_sid", PARENT_SID);
  }

  @ParameterizedTest
  @CsvSource({
    "queued, INITIATED",
    "initiated, INITIATED",
    "ringing, RINGING",
    "in-progress, ANSWERED",
    "answered, ANSWERED",
    "completed, COMPLETED",
    "busy, BUSY",
    "failed, FAILED",
    "no-answer, NO_ANSWER",
    "canceled, CANCELLED",
    "No-Answer, NO_ANSWER",
    "COMPLETED, COMPLETED"
  })
  void parse_everyTwilioStatus_mapsToOneState(String status, CallState expected) {
    Map<String, String> form = callback(status, "inbound", Sensitive.CUSTOMER_E164, BUSINESS);

    CallEvent event = parser.parse(encode(form), RECEIVED);

    assertThat(event.state()).isEqualTo(expected);
    assertThat(event.providerStatus()).isEqualTo(status);
    assertThat(event.eventKey()).isEqualTo(status.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CallSid|        | CallSid is required",
        "CallSid|CA123   | CallSid must be CA followed by 32 hex digits",
        "CallStatus|     | CallStatus is required",
        "CallStatus|paused| CallStatus is not a Twilio call status",
        "CallStatus|in progress| CallStatus is not a status word",
        "Direction|sideways| Direction must be inbound, outbound-api or outbound-dial",
        "Timestamp|2025-06-10 12:00| Timestamp is not an RFC 1123 date",
        "SequenceNumber|-1| SequenceNumber must be a whole number",
        "CallDuration|4.5| CallDuration must be a whole number of seconds",
        "From|abc     | From is neither a phone number nor a client:, sip: or sim: address",
        "From|123     | From is not a valid phone number",
        "To|         | To is required",
        "ParentCallSid|CAxyz| ParentCallSid must be CA followed by 32 hex digits"
      })
  void parse_outOfSpecField_isMalformedNamingTheField(String field, String value, String reason) {
    // GIVEN a valid callback with one field changed (or removed when the value is empty)
    Map<String, String> form = callback("completed", "inbound", Sensitive.CUSTOMER_E164, BUSINESS);
    if (value == null) {
      form.remove(field);
    } else {
      form.put(field, value);
    }

    // THEN the parser refuses it with a reason naming the field, never the number
    assertThatThrownBy(() -> parser.parse(encode(form), RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessageStartingWith(reason.strip())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("821234567"));
  }

  @Test
  void parse_noPhoneOnEitherSide_isMalformed() {
    Map<String, String> form = callback("ringing", "inbound", "client:alice", "client:bob");

    assertThatThrownBy(() -> parser.parse(encode(form), RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("neither From nor To is a phone number: the customer's side must be one");
  }

  @Test
  void parse_oversizedParty_isMalformed() {
    Map<String, String> form =
        callback("ringing", "inbound", Sensitive.CUSTOMER_E164, "client:" + "a".repeat(300));

    assertThatThrownBy(() -> parser.parse(encode(form), RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("To is longer than 256 characters");
  }

  @Test
  void parse_emptyOversizedOrBrokenBody_isMalformed() {
    assertThatThrownBy(() -> parser.parse(new byte[0], RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is empty");
    assertThatThrownBy(() -> parser.parse(new byte[70_000], RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is larger than 65536 bytes");
    assertThatThrownBy(() -> parser.parse(bytes("CallSid=%zz"), RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is not a form: the form has a broken percent escape");
    assertThatThrownBy(() -> parser.parse(bytes("{\"CallSid\": \"x\"}"), RECEIVED))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("CallSid is required");
  }

  @Test
  void toString_masksEveryNumber() {
    Map<String, String> form =
        callback("ringing", "outbound-api", BUSINESS, Sensitive.CUSTOMER_E164);

    String text = parser.parse(encode(form), RECEIVED).toString();

    assertThat(text).doesNotContain("821234567").doesNotContain("105550100").contains("4567");
  }

  /** A status callback with the fields Twilio's docs list for every callback. */
  private static Map<String, String> callback(
      String status, String direction, String from, String to) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    form.put("ApiVersion", "2010-04-01");
    form.put("CallSid", CALL_SID);
    form.put("CallStatus", status);
    form.put("Direction", direction);
    form.put("From", from);
    form.put("To", to);
    return form;
  }

  private static byte[] encode(Map<String, String> form) {
    return bytes(
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
