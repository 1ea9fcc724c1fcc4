package dev.frontdoor.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.testing.Sensitive;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallEventTest {

  @Test
  void callState_wireNamesAndEnds() {
    assertThat(Arrays.stream(CallState.values()).map(CallState::wireName))
        .containsExactly(
            "initiated",
            "ringing",
            "answered",
            "completed",
            "busy",
            "failed",
            "no_answer",
            "rejected",
            "cancelled");
    assertThat(Arrays.stream(CallState.values()).filter(CallState::endsCall))
        .containsExactly(
            CallState.COMPLETED,
            CallState.BUSY,
            CallState.FAILED,
            CallState.NO_ANSWER,
            CallState.REJECTED,
            CallState.CANCELLED);
    assertThat(CallState.fromWireName("No_Answer")).contains(CallState.NO_ANSWER);
    assertThat(CallState.fromWireName("no-answer")).isEmpty();
    assertThat(CallState.fromWireName(null)).isEmpty();
  }

  @Test
  void callProvider_keysAndLookup() {
    assertThat(Arrays.stream(CallProvider.values()).map(CallProvider::key))
        .containsExactly("twilio", "vonage", "connect", "whatsapp", "generic");
    assertThat(CallProvider.TWILIO.lookupKey("CA1")).isEqualTo("CALL#twilio#CA1");
    assertThat(CallDirection.INBOUND.wireName()).isEqualTo("inbound");
  }

  @Test
  void callEvent_withoutCustomer_onlyForConnect() {
    assertThat(event(CallProvider.CONNECT, null).customer()).isNull();
    assertThatThrownBy(() -> event(CallProvider.TWILIO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only Amazon Connect events may lack the customer");
  }

  @Test
  void callEvent_withCustomer_keepsEverythingElse() {
    CallEvent connect = event(CallProvider.CONNECT, null);
    CallEvent resolved = connect.withCustomer(new CustomerNumber(Sensitive.CUSTOMER_E164));

    assertThat(resolved.customer().e164()).isEqualTo(Sensitive.CUSTOMER_E164);
    assertThat(resolved).usingRecursiveComparison().ignoringFields("customer").isEqualTo(connect);
  }

  @Test
  void callEvent_detailsAreACopy() {
    Map<String, String> details = new HashMap<>(Map.of("a", "1"));
    CallEvent event =
        new CallEvent(
            CallProvider.GENERIC,
            "c",
            "k",
            new CustomerNumber(Sensitive.CUSTOMER_E164),
            null,
            CallDirection.INBOUND,
            CallState.RINGING,
            "ringing",
            0,
            -1,
            null,
            null,
            details,
            () -> "");
    details.put("b", "2");
    assertThat(event.details()).containsOnlyKeys("a");
    assertThatThrownBy(() -> event.details().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void callEvent_toString_masksNumbersEverywhere() {
    CallEvent event =
        new CallEvent(
            CallProvider.VONAGE,
            "u",
            "ringing#1",
            new CustomerNumber(Sensitive.CUSTOMER_E164),
            Sensitive.SECOND_CUSTOMER_E164,
            CallDirection.INBOUND,
            CallState.RINGING,
            "ringing",
            1,
            -1,
            null,
            null,
            Map.of("forwarded", Sensitive.SECOND_CUSTOMER_E164),
            () -> Sensitive.CUSTOMER_E164);

    assertThat(event.toString())
        .doesNotContain(Sensitive.CUSTOMER_E164.substring(1))
        .doesNotContain(Sensitive.SECOND_CUSTOMER_E164.substring(1))
        .contains("provider=vonage", "state=RINGING");
  }

  private static CallEvent event(CallProvider provider, CustomerNumber customer) {
    return new CallEvent(
        provider,
        "id",
        "key",
        customer,
        null,
        CallDirection.INBOUND,
        CallState.RINGING,
        "QUEUED",
        1,
        -1,
        null,
        "agent",
        Map.of("instance_arn", "arn"),
        () -> "{}");
  }
}
