package dev.frontdoor.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormBodyTest {

  @Test
  void parse_publishedTwilioWebhook_decodesEveryField() {
    // GIVEN Twilio's published voice webhook body
    String body = Specs.text("twilio", "voice_webhook_request_variables_example.form").strip();

    // WHEN it is parsed
    FormBody form = FormBody.parse(body);

    // THEN percent escapes are decoded and the order is kept
    assertThat(form.first("From")).contains("+17378742833");
    assertThat(form.first("To")).contains("+14156694923");
    assertThat(form.first("CallStatus")).contains("in-progress");
    assertThat(form.first("CallSid")).contains("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(form.asMap().keySet()).startsWith("AccountSid", "CallStatus", "ToZip");
    assertThat(form.asMap()).hasSize(17);
  }

  @Test
  void parse_repeatedName_keepsEveryValueInOrder() {
    // GIVEN a name sent twice, a plus for a space and a name without a value
    FormBody form = FormBody.parse("Digits=5678&Sid=CA123&Digits=1234&Msg=a+b&Flag");

    // THEN each value is kept
    assertThat(form.all("Digits")).containsExactly("5678", "1234");
    assertThat(form.first("Digits")).contains("5678");
    assertThat(form.first("Msg")).contains("a b");
    assertThat(form.first("Flag")).contains("");
    assertThat(form.first("Missing")).isEmpty();
    assertThat(form.all("Missing")).isEmpty();
  }

  @Test
  void parse_emptyBody_hasNoNames() {
    assertThat(FormBody.parse("").asMap()).isEmpty();
    assertThat(FormBody.parse(new byte[0]).asMap()).isEmpty();
    assertThat(FormBody.parse("&&").asMap()).isEmpty();
  }

  @Test
  void parse_brokenEscape_isRejectedWithoutEchoingTheBody() {
    String body = "From=" + Sensitive.CUSTOMER_E164 + "&To=%zz";
    assertThatThrownBy(() -> FormBody.parse(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the form has a broken percent escape");
  }

  @Test
  void parse_tooManyPairs_isRejected() {
    String body = String.join("&", java.util.Collections.nCopies(FormBody.MAX_PAIRS + 1, "a=1"));
    assertThatThrownBy(() -> FormBody.parse(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than");
  }

  @Test
  void toString_namesOnly() {
    // a literal plus is a space in form encoding: senders escape it as %2B
    FormBody form = FormBody.parse("From=" + Sensitive.CUSTOMER_E164.replace("+", "%2B"));
    assertThat(form.toString()).isEqualTo("FormBody[From]").doesNotContain("821234567");
    assertThat(form.all("From")).isEqualTo(List.of(Sensitive.CUSTOMER_E164));
  }
}
