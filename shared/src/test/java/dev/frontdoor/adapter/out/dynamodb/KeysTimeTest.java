package dev.frontdoor.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The hand-built time keys are exactly what the {@code %013d} format gave. */
class KeysTimeTest {
  @Test
  void timeKeys_matchTheZeroPaddedFormat() {
    long[] times = {
      -5,
      0,
      1,
      9,
      10,
      999_999_999_999L,
      1_000_000_000_000L,
      1749416383000L,
      9_999_999_999_999L,
      10_000_000_000_000L,
      Long.MAX_VALUE
    };
    for (long at : times) {
      long clamped = Math.max(0, at);
      assertThat(Keys.timelineFrom(at)).isEqualTo(String.format(Locale.ROOT, "EV#%013d", clamped));
      assertThat(Keys.timeline(at, "MSG", "wamid.X"))
          .isEqualTo(String.format(Locale.ROOT, "EV#%013d#MSG#wamid.X", clamped));
      assertThat(Keys.pending("queued", at))
          .isEqualTo(String.format(Locale.ROOT, "PENDING#queued#%013d", clamped));
    }
  }
}
