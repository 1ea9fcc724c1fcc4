package dev.frontdoor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

  @Test
  void positiveInt_setUnsetOrBlank() {
    Environment env = Environment.of(Map.of("N", " 42 ", "BLANK", "  "));

    assertThat(env.positiveInt("N", 7)).isEqualTo(42);
    assertThat(env.positiveInt("UNSET", 7)).isEqualTo(7);
    assertThat(env.positiveInt("BLANK", 7)).isEqualTo(7);
  }

  @Test
  void positiveInt_anythingButAWholeNumberAboveZero_namesTheVariable() {
    for (String bad : new String[] {"0", "000", "-1", "1.5", "ten", "1234567890"}) {
      Environment env = Environment.of(Map.of("N", bad));

      assertThatThrownBy(() -> env.positiveInt("N", 7))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessage("N: must be a whole number above zero");
    }
  }

  @Test
  void positiveLong_takesEighteenDigits_notNineteen() {
    assertThat(Environment.of(Map.of("N", "123456789012345678")).positiveLong("N", 1))
        .isEqualTo(123_456_789_012_345_678L);
    assertThat(Environment.of(Map.of()).positiveLong("N", 5L)).isEqualTo(5L);
    Environment tooLong = Environment.of(Map.of("N", "1234567890123456789"));
    assertThatThrownBy(() -> tooLong.positiveLong("N", 1)).isInstanceOf(ConfigException.class);
  }
}
