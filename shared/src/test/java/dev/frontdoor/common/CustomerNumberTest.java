package dev.frontdoor.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "27821234567",
        "+27821234567",
        "+27 82 123 4567",
        "082 123 4567",
        "(082) 123-4567"
      })
  void parse_everySpelling_meetsInOneE164(String spelling) {
    assertThat(CustomerNumber.parse(spelling, "ZA").e164()).isEqualTo("+27821234567");
  }

  @Test
  void parse_waIdOfAnotherCountry_isReadAsInternational() {
    assertThat(CustomerNumber.parse("16505551234", "ZA").e164()).isEqualTo("+16505551234");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "+1", "12", "+27 82 123 4567 8901 2345 6789 0123 4567 89"})
  void parse_garbage_isRejectedWithoutEchoingIt(String garbage) {
    assertThatThrownBy(() -> CustomerNumber.parse(garbage, "ZA"))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("82 123"));
  }

  @Test
  void toString_masksTheNumber() {
    CustomerNumber number = CustomerNumber.parse("+27821234567", "ZA");
    assertThat(number.toString()).doesNotContain("821234567").contains("4567");
    assertThat(number.waId()).isEqualTo("27821234567");
  }
}
