package dev.frontdoor.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.WhatsAppCallEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Meta publishes no calls webhook example under an open licence (specs/meta/webhooks/SOURCES.md
 * gives the reference by location only): the webhooks here are built from that reference and go
 * through the inbound parser, so the conversion sees exactly what ingestion produces.
 */
class WhatsAppCallEventsTest {
  private static final String CUSTOMER_WA_ID = Sensitive.CUSTOMER_E164.substring(1);
  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final String DISPLAY_NUMBER = "15550783881";
  private static final String WABA_ID = "419561257915477";
  private static final BusinessNumber BUSINESS =
      new BusinessNumber(PHONE_NUMBER_ID, DISPLAY_NUMBER, WABA_ID);

  private final WebhookParser inbound = new WebhookParser("ZA");

  @Test
  void toCallEvent_userInitiatedConnect_isRingingInbound() {
    // GIVEN the customer calls the business on WhatsApp
    WhatsAppCallEvent call =
        call(
            """
            {"id": "wacid.ABC", "from": "%s", "to": "%s", "event": "connect",
             "timestamp": "1750096325", "direction": "USER_INITIATED",
             "session": {"sdp_type": "offer", "sdp": "v=0"}}
            """
                .formatted(CUSTOMER_WA_ID, DISPLAY_NUMBER));

    // WHEN it is converted
    CallEvent event = (CallEvent) WhatsAppCallEvents.toCallEvent(call);

    // THEN
    assertThat(event.provider()).isEqualTo(CallProvider.WHATSAPP);
    assertThat(event.providerCallId()).isEqualTo("wacid.ABC");
    assertThat(event.lookupKey()).isEqualTo("CALL#whatsapp#wacid.ABC");
    assertThat(event.eventKey()).isEqualTo("connect#-#1750096325000");
    assertThat(event.state()).isEqualTo(CallState.RINGING);
    assertThat(event.providerStatus()).isEqualTo("connect");
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.businessParty()).isEqualTo(PHONE_NUMBER_ID);
    assertThat(event.atMillis()).isEqualTo(1_750_096_325_000L);
    assertThat(event.sequence()).isEqualTo(-1);
    assertThat(event.durationSeconds()).isNull();
    assertThat(event.agent()).isNull();
    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("whatsapp_event", "connect", "waba_id", WABA_ID));
    assertThat(event.source().get()).contains("wacid.ABC");
  }

  @Test
  void toCallEvent_answeredTerminate_isCompletedWithDuration() {
    WhatsAppCallEvent call =
        call(
            """
            {"id": "wacid.ABC", "from": "%s", "to": "%s", "event": "terminate",
             "timestamp": "1750096400", "direction": "USER_INITIATED",
             "status": ["COMPLETED"], "start_time": "1750096330", "end_time": "1750096400",
             "duration": 70, "biz_opaque_callback_data": "cb-1"}
            """
                .formatted(CUSTOMER_WA_ID, DISPLAY_NUMBER));

    CallEvent event = (CallEvent) WhatsAppCallEvents.toCallEvent(call);

    assertThat(event.state()).isEqualTo(CallState.COMPLETED);
    assertThat(event.providerStatus()).isEqualTo("COMPLETED");
    assertThat(event.eventKey()).isEqualTo("terminate#COMPLETED#1750096400000");
    assertThat(event.durationSeconds()).isEqualTo(70);
    assertThat(event.atMillis()).isEqualTo(1_750_096_400_000L);
    assertThat(event.details())
        .containsEntry("whatsapp_event", "terminate")
        .containsEntry("start_time", "1750096330")
        .containsEntry("end_time", "1750096400")
        .containsEntry("biz_opaque_callback_data", "cb-1");
  }

  @Test
  void toCallEvent_terminateNeverAnswered_isNoAnswer() {
    WhatsAppCallEvent call =
        call(
            """
            {"id": "wacid.ABC", "from": "%s", "to": "%s", "event": "terminate",
             "timestamp": "1750096400", "direction": "USER_INITIATED", "status": ["COMPLETED"]}
            """
                .formatted(CUSTOMER_WA_ID, DISPLAY_NUMBER));

    CallEvent event = (CallEvent) WhatsAppCallEvents.toCallEvent(call);

    assertThat(event.state()).isEqualTo(CallState.NO_ANSWER);
    assertThat(event.state().endsCall()).isTrue();
    assertThat(event.durationSeconds()).isNull();
  }

  @Test
  void toCallEvent_failedTerminate_isFailed() {
    WhatsAppCallEvent call =
        call(
            """
            {"id": "wacid.ABC", "from": "%s", "to": "%s", "event": "terminate",
             "timestamp": "1750096400", "direction": "BUSINESS_INITIATED", "status": ["FAILED"],
             "start_time": "1750096330", "duration": 0}
            """
                .formatted(DISPLAY_NUMBER, CUSTOMER_WA_ID));

    CallEvent event = (CallEvent) WhatsAppCallEvents.toCallEvent(call);

    assertThat(event.state()).isEqualTo(CallState.FAILED);
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.durationSeconds()).isZero();
  }

  @Test
  void toCallEvent_businessInitiatedConnect_isInitiatedOutbound() {
    WhatsAppCallEvent call =
        call(
            """
            {"id": "wacid.DEF", "from": "%s", "to": "%s", "event": "connect",
             "timestamp": "1750096325", "direction": "BUSINESS_INITIATED"}
            """
                .formatted(DISPLAY_NUMBER, CUSTOMER_WA_ID));

    CallEvent event = (CallEvent) WhatsAppCallEvents.toCallEvent(call);

    assertThat(event.state()).isEqualTo(CallState.INITIATED);
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
  }

  @ParameterizedTest
  @CsvSource({"RINGING, RINGING", "ACCEPTED, ANSWERED", "REJECTED, REJECTED", "accepted, ANSWERED"})
  void toCallEvent_callStatus_mapsToOneState(String status, CallState state) {
    // GIVEN a call status (statuses[] with type call) of a business-initiated call
    String json =
        """
        {"id": "wacid.DEF", "type": "call", "status": "%s", "timestamp": "1750096330",
         "recipient_id": "%s"}
        """
            .formatted(status, CUSTOMER_WA_ID);
    WhatsAppCallEvent call = inbound.parse(webhook(statusesValue(json))).calls().get(0);

    // WHEN it is converted
    CallEvent event = (CallEvent) WhatsAppCallEvents.toCallEvent(call);

    // THEN
    assertThat(event.state()).isEqualTo(state);
    assertThat(event.providerStatus()).isEqualTo(status);
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(event.eventKey()).isEqualTo("status#" + status + "#1750096330000");
    assertThat(event.details()).containsEntry("whatsapp_event", "status");
  }

  @Test
  void toCallEvent_unknownEventOrStatus_isNotACallState() {
    WhatsAppCallEvent unknownStatus = record("status", "PAUSED", "BUSINESS_INITIATED", Map.of());
    WhatsAppCallEvent unknownEvent = record("transfer", null, "USER_INITIATED", Map.of());

    assertThat(WhatsAppCallEvents.toCallEvent(unknownStatus))
        .isEqualTo(
            new NotACallState(
                CallProvider.WHATSAPP, "wacid.X", "PAUSED", "a call status not mapped"));
    assertThat(WhatsAppCallEvents.toCallEvent(unknownEvent))
        .isEqualTo(
            new NotACallState(
                CallProvider.WHATSAPP,
                "wacid.X",
                null,
                "a WhatsApp call event that is not a call state"));
  }

  @Test
  void toCallEvent_unknownDirectionOrBadDuration_isMalformed() {
    assertThatThrownBy(
            () -> WhatsAppCallEvents.toCallEvent(record("connect", null, "SIDEWAYS", Map.of())))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("direction must be USER_INITIATED or BUSINESS_INITIATED");
    assertThatThrownBy(
            () ->
                WhatsAppCallEvents.toCallEvent(
                    record("terminate", "COMPLETED", "USER_INITIATED", Map.of("duration", "7s"))))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("duration must be a whole number of seconds");
  }

  private static WhatsAppCallEvent record(
      String event, String status, String direction, Map<String, Object> details) {
    return new WhatsAppCallEvent(
        "wacid.X",
        new CustomerNumber(Sensitive.CUSTOMER_E164),
        BUSINESS,
        event,
        status,
        direction,
        1_750_096_325_000L,
        details,
        () -> "{}");
  }

  private WhatsAppCallEvent call(String callJson) {
    List<WhatsAppCallEvent> calls = inbound.parse(webhook(callsValue(callJson))).calls();
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  private static byte[] webhook(String valueJson) {
    return """
        {"object": "whatsapp_business_account",
         "entry": [{"id": "%s", "changes": [{"field": "calls", "value": %s}]}]}
        """
        .formatted(WABA_ID, valueJson)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String callsValue(String call) {
    return """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "calls": [%s]}
        """
        .formatted(DISPLAY_NUMBER, PHONE_NUMBER_ID, call);
  }

  private static String statusesValue(String status) {
    return """
        {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
         "statuses": [%s]}
        """
        .formatted(DISPLAY_NUMBER, PHONE_NUMBER_ID, status);
  }
}
