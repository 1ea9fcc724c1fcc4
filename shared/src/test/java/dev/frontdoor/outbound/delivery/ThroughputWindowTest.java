package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputWindowTest {
  private static final long MS = 1_000_000L;

  @Test
  void maxInAnyWindow_countsTheBusiestSecond_halfOpen() {
    // Half open: 1,000 ms is not in 0's window, nor 1,400 in 400's; the busiest second is
    // 400-1,399 or 999-1,400, four each.
    List<Long> times = List.of(0L, 400 * MS, 999 * MS, 1_000 * MS, 1_399 * MS, 1_400 * MS);

    assertThat(ThroughputWindow.maxInAnyWindow(times)).isEqualTo(4);
  }

  @Test
  void maxInAnyWindow_exactlyOneSecondApart_neverShareAWindow() {
    assertThat(ThroughputWindow.maxInAnyWindow(List.of(0L, 1_000 * MS, 2_000 * MS))).isEqualTo(1);
    assertThat(ThroughputWindow.maxInAnyWindow(List.of())).isZero();
  }
}
