package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormParametersTest {

  private static FormParameters decode(String body) {
    return FormParameters.decode(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decode_escapesAndRepeatedNames_keepEveryValueInOrder() {
    // GIVEN a body with %-escapes, '+' for space, a repeated name, a bare name and an empty pair
    FormParameters form =
        decode("From=%2B27820000000&Digits=5&Speech=ol%C3%A1+mundo&Digits=1&&Flag");

    // THEN names keep their first position and values their order
    assertThat(form.names()).containsExactly("From", "Digits", "Speech", "Flag");
    assertThat(form.values("From")).containsExactly("+27820000000");
    assertThat(form.values("Digits")).containsExactly("5", "1");
    assertThat(form.values("Speech")).containsExactly("olá mundo");
    assertThat(form.values("Flag")).containsExactly("");
    assertThat(form.values("Absent")).isEmpty();
  }

  @Test
  void decode_emptyBody_isEmpty() {
    assertThat(FormParameters.decode(new byte[0]).isEmpty()).isTrue();
  }

  @Test
  void decode_malformedEscape_isRefused() {
    assertThatThrownBy(() -> decode("From=%2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_showsNamesOnly() {
    assertThat(decode("From=%2B27820000000").toString())
        .contains("From")
        .doesNotContain("27820000000");
  }
}
