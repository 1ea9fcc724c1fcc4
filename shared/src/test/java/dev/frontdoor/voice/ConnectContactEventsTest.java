package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.Specs;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import dev.frontdoor.voice.port.out.ContactDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectContactEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT_ID = "abcabcab-abca-abca-abca-abcabcabcabc";
  private static final String CONTACT_ID = "11111111-1111-1111-1111-111111111111";
  private static final String INSTANCE_ARN =
      "arn:aws::connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012";

  private final ConnectContactEvents parser = new ConnectContactEvents("ZA");

  @Test
  void parse_publishedDisconnectedSample_mapsEveryField() {
    // GIVEN AWS's published DISCONNECTED sample (mixed key casing: AgentInfo / AgentArn)
    byte[] body = Specs.bytes("amazon-connect", "contact_event_disconnected.json");

    // WHEN it is parsed
    CallEvent event = (CallEvent) parser.parse(body);

    // THEN
    assertThat(event.provider()).isEqualTo(CallProvider.CONNECT);
    assertThat(event.providerCallId()).isEqualTo(CONTACT_ID);
    assertThat(event.lookupKey()).isEqualTo("CALL#connect#" + CONTACT_ID);
    assertThat(event.eventKey()).isEqualTo(EVENT_ID);
    assertThat(event.providerStatus()).isEqualTo("DISCONNECTED");
    // outbound, connected to the system at 17:17:55: it was answered, then ended
    assertThat(event.state()).isEqualTo(CallState.COMPLETED);
    assertThat(event.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(event.customer()).isNull();
    assertThat(event.businessParty()).isNull();
    // disconnectTimestamp 2021-08-04T17:18:37.000Z, not the envelope's later time
    assertThat(event.atMillis()).isEqualTo(1_628_097_517_000L);
    assertThat(event.sequence()).isEqualTo(-1);
    // 17:17:55 (connected to system) to 17:18:37
    assertThat(event.durationSeconds()).isEqualTo(42);
    assertThat(event.agent()).isEqualTo("arn");
    assertThat(event.details())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "instance_arn", INSTANCE_ARN,
                "channel", "VOICE",
                "initiation_method", "OUTBOUND",
                "initial_contact_id", "11111111-2222-3333-4444-555555555555",
                "previous_contact_id", "11111111-2222-3333-4444-555555555555",
                "queue_arn", "arn",
                "queue_type", "type"));
    assertThat(event.source().get()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void parse_publishedConnectedToAgentDetail_inAnEnvelope() throws Exception {
    // GIVEN AWS publishes only the detail object of this sample: the envelope is added here
    byte[] body =
        envelope(Specs.text("amazon-connect", "contact_event_connected_to_agent_detail.json"));

    // WHEN it is parsed
    CallEvent event = (CallEvent) parser.parse(body);

    // THEN
    assertThat(event.providerCallId()).isEqualTo(CONTACT_ID);
    assertThat(event.eventKey()).isEqualTo("envelope-added-by-the-test");
    assertThat(event.providerStatus()).isEqualTo("CONNECTED_TO_AGENT");
    assertThat(event.state()).isEqualTo(CallState.ANSWERED);
    assertThat(event.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(event.customer()).isNull();
    // agentInfo.connectedToAgentTimestamp 2021-08-04T17:29:09.000Z
    assertThat(event.atMillis()).isEqualTo(1_628_098_149_000L);
    assertThat(event.durationSeconds()).isNull();
    assertThat(event.agent())
        .isEqualTo(INSTANCE_ARN + "/agent/12345678-1234-1234-1234-123456789012");
    assertThat(event.details())
        .containsEntry("instance_arn", INSTANCE_ARN)
        .containsEntry("channel", "VOICE")
        .containsEntry("initiation_method", "INBOUND")
        .containsEntry("queue_arn", INSTANCE_ARN + "/queue/12345678-1234-1234-1234-123456789012")
        .containsEntry("queue_type", "type");
  }

  @ParameterizedTest
  @CsvSource({
    "INITIATED, INBOUND, INITIATED, 1628097473000",
    "QUEUED, INBOUND, RINGING, 1628098144000",
    "CONNECTED_TO_SYSTEM, OUTBOUND, ANSWERED, 1628097475000",
    "CONNECTED_TO_AGENT, INBOUND, ANSWERED, 1628098149000",
    "DISCONNECTED, INBOUND, COMPLETED, 1628097517000",
    "Disconnected, CALLBACK, COMPLETED, 1628097517000"
  })
  void parse_everyEventType_mapsToOneStateAtItsOwnTime(
      String eventType, String method, CallState state, long at) throws Exception {
    // GIVEN the published DISCONNECTED sample turned into another event type
    ObjectNode root = published();
    detail(root).put("eventType", eventType).put("initiationMethod", method);

    CallEvent event = (CallEvent) parser.parse(JSON.writeValueAsBytes(root));

    assertThat(event.state()).isEqualTo(state);
    assertThat(event.providerStatus()).isEqualTo(eventType);
    assertThat(event.atMillis()).isEqualTo(at);
  }

  @Test
  void parse_outboundDisconnectedThatNeverConnected_isNoAnswer() throws Exception {
    ObjectNode root = published();
    detail(root)
        .remove(List.of("connectedToSystemTimestamp", "AgentInfo", "CustomerVoiceActivity"));

    CallEvent event = (CallEvent) parser.parse(JSON.writeValueAsBytes(root));

    assertThat(event.state()).isEqualTo(CallState.NO_ANSWER);
    assertThat(event.durationSeconds()).isNull();
    assertThat(event.agent()).isNull();
  }

  @Test
  void parse_eventWithoutItsOwnTimestamp_takesTheEnvelopeTime() throws Exception {
    ObjectNode root = published();
    detail(root).remove("disconnectTimestamp");

    CallEvent event = (CallEvent) parser.parse(JSON.writeValueAsBytes(root));

    // time 2021-08-04T17:43:48Z
    assertThat(event.atMillis()).isEqualTo(1_628_099_028_000L);
    assertThat(event.durationSeconds()).isNull();
  }

  @Test
  void parse_disconnectReasonWhenPresent_isKept() throws Exception {
    ObjectNode root = published();
    detail(root).put("disconnectReason", "CUSTOMER_DISCONNECT");

    CallEvent event = (CallEvent) parser.parse(JSON.writeValueAsBytes(root));

    assertThat(event.details()).containsEntry("disconnect_reason", "CUSTOMER_DISCONNECT");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "channel| CHAT| a CHAT contact, not a call",
        "channel| TASK| a TASK contact, not a call",
        "initiationMethod| MONITOR| a supervisor monitoring a call",
        "eventType| CONTACT_DATA_UPDATED| an update of the contact's data"
      })
  void parse_contactThatIsNoCallStep_isNotACallState(String field, String value, String reason)
      throws Exception {
    ObjectNode root = published();
    detail(root).put(field, value);

    ParsedCallEvent parsed = parser.parse(JSON.writeValueAsBytes(root));

    assertThat(parsed).isInstanceOf(NotACallState.class);
    NotACallState not = (NotACallState) parsed;
    assertThat(not.provider()).isEqualTo(CallProvider.CONNECT);
    assertThat(not.providerCallId()).isEqualTo(CONTACT_ID);
    assertThat(not.reason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "detail-type| Amazon Connect Agent Event| detail-type must be \"Amazon Connect Contact Event\"",
        "source| aws.ec2| source must be \"aws.connect\"",
        "id| | id is required",
        "time| 04/08/2021| time is not an ISO-8601 date-time",
        "time| | time is required",
        "detail| | detail must be an object",
        "detail.contactId| | detail.contactId is required",
        "detail.eventType| | detail.eventType is required",
        "detail.eventType| ON_HOLD| detail.eventType is not an Amazon Connect contact event type",
        "detail.channel| | detail.channel is required",
        "detail.initiationMethod| | detail.initiationMethod is required",
        "detail.disconnectTimestamp| 2021-08-04 17:18| detail.disconnectTimestamp is not an ISO-8601 date-time",
        "detail.queueInfo| queue| detail.queueInfo must be an object"
      })
  void parse_outOfSpecEnvelope_isMalformedNamingTheField(String field, String value, String reason)
      throws Exception {
    ObjectNode root = published();
    ObjectNode target = field.startsWith("detail.") ? detail(root) : root;
    String name = field.startsWith("detail.") ? field.substring(7) : field;
    if (value == null) {
      target.remove(name);
    } else {
      target.put(name, value);
    }

    assertThatThrownBy(() -> parser.parse(JSON.writeValueAsBytes(root)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage(reason.strip());
  }

  @Test
  void parse_oversizedOrMistypedField_isMalformedNamingIt() throws Exception {
    ObjectNode root = published();
    detail(root).put("contactId", "c".repeat(257));
    assertThatThrownBy(() -> parser.parse(JSON.writeValueAsBytes(root)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("detail.contactId is longer than 256 characters");
    ObjectNode agent = published();
    ((ObjectNode) detail(agent).get("AgentInfo")).put("AgentArn", 7);
    assertThatThrownBy(() -> parser.parse(JSON.writeValueAsBytes(agent)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("detail.agentInfo.agentArn must be a string");
  }

  @Test
  void parse_nonJsonOrOversized_isMalformed() {
    assertThatThrownBy(() -> parser.parse("{\"id\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is not valid JSON");
    // the sample as published has a trailing comma: not JSON
    assertThatThrownBy(
            () ->
                parser.parse(
                    Specs.bytes("amazon-connect", "contact_event_disconnected.published.txt")))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is not valid JSON");
    assertThatThrownBy(() -> parser.parse(new byte[70_000]))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the body is larger than 65536 bytes");
  }

  @Test
  void resolveCustomer_directoryKnowsTheNumber_fillsTheCustomer() {
    // GIVEN a directory that answers DescribeContact's CustomerEndpoint address
    List<String> asked = new ArrayList<>();
    ContactDirectory directory =
        (instance, contact) -> {
          asked.add(instance + " " + contact);
          return Optional.of(Sensitive.CUSTOMER_E164);
        };
    CallEvent event =
        (CallEvent) parser.parse(Specs.bytes("amazon-connect", "contact_event_disconnected.json"));

    // WHEN the customer is resolved
    Optional<CallEvent> resolved = parser.resolveCustomer(event, directory);

    // THEN the event is the same but for its customer
    assertThat(asked).containsExactly(INSTANCE_ARN + " " + CONTACT_ID);
    assertThat(resolved).isPresent();
    assertThat(resolved.get().customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(resolved.get().eventKey()).isEqualTo(event.eventKey());
    assertThat(resolved.get().state()).isEqualTo(event.state());
    assertThat(parser.resolveCustomer(resolved.get(), (i, c) -> Optional.empty()))
        .contains(resolved.get());
  }

  @Test
  void resolveCustomer_noNumber_isEmpty_andANonNumberIsMalformed() {
    CallEvent event =
        (CallEvent) parser.parse(Specs.bytes("amazon-connect", "contact_event_disconnected.json"));

    assertThat(parser.resolveCustomer(event, (i, c) -> Optional.empty())).isEmpty();
    assertThat(parser.resolveCustomer(event, (i, c) -> Optional.of(" "))).isEmpty();
    assertThatThrownBy(() -> parser.resolveCustomer(event, (i, c) -> Optional.of("anonymous")))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the contact's customer endpoint is not a phone number");
    assertThatThrownBy(() -> parser.resolveCustomer(event, (i, c) -> Optional.of("12")))
        .isInstanceOf(MalformedCallEventException.class)
        .hasMessage("the contact's customer endpoint is not a valid phone number");
  }

  private static ObjectNode published() throws Exception {
    return (ObjectNode)
        JSON.readTree(Specs.bytes("amazon-connect", "contact_event_disconnected.json"));
  }

  private static ObjectNode detail(ObjectNode root) {
    return (ObjectNode) root.get("detail");
  }

  private static byte[] envelope(String detail) {
    return ("""
        {"version": "0", "id": "envelope-added-by-the-test",
         "detail-type": "Amazon Connect Contact Event", "source": "aws.connect",
         "account": "123456789012", "time": "2021-08-04T17:29:10Z", "region": "us-west-2",
         "resources": [], "detail": %s}
        """)
        .formatted(detail)
        .getBytes(StandardCharsets.UTF_8);
  }
}
