package dev.frontdoor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+27821234567",
        "27821234567",
        "+27 82 123 4567",
        "082-123-4567",
        "16505551234",
        "0821234567"
      })
  void scrub_phoneSpellings_keepAtMostLastFourDigits(String number) {
    // WHEN a number appears in free text
    String scrubbed = Redaction.scrub("customer " + number + " wrote");
    // THEN only its last four digits remain
    String digits = number.replaceAll("\\D", "");
    assertThat(scrubbed)
        .doesNotContain(number)
        .contains("***" + digits.substring(digits.length() - 4));
    assertThat(scrubbed.replaceAll("\\D", "")).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void scrub_shortNumbersAndIds_areLeftAlone() {
    assertThat(Redaction.scrub("status 200 after 3 tries, code 131056"))
        .isEqualTo("status 200 after 3 tries, code 131056");
    assertThat(Redaction.scrub("wamid.HBgLMjc4MjEyMzQ1NjcVAgASGBQzQTk")).contains("wamid.HBgL");
  }

  @Test
  void scrub_digitRunLongerThanAnyNumber_isMaskedToo() {
    // A run past 15 digits can hide a number (a field name, a concatenation): it is masked whole.
    assertThat(Redaction.scrub("field:8234234234234234234")).isEqualTo("field:***4234");
  }

  @Test
  void scrub_registeredSecret_isReplaced() {
    Redaction.registerSecret("s3cr3t-token-value");
    assertThat(Redaction.scrub("Authorization: Bearer s3cr3t-token-value"))
        .isEqualTo("Authorization: Bearer [secret]");
  }

  @Test
  void phone_showsLastFourDigitsOnly() {
    assertThat(Redaction.phone("+27821234567")).isEqualTo("***4567");
    assertThat(Redaction.phone("123")).isEqualTo("***");
  }
}
