package dev.frontdoor.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceWindowTest {
  private static final long WROTE_AT = 1_749_416_383_000L;
  private static final long DAY_MS = 24 * 3600 * 1000L;

  @Test
  void window_closesExactly24HoursAfterTheCustomersLatestMessage() {
    ServiceWindow window = new ServiceWindow("106540352242922", WROTE_AT);
    assertThat(window.closesAt()).isEqualTo(WROTE_AT + DAY_MS);
    assertThat(window.isOpenAt(WROTE_AT)).isTrue();
    assertThat(window.isOpenAt(WROTE_AT + DAY_MS - 1)).isTrue();
    assertThat(window.isOpenAt(WROTE_AT + DAY_MS)).isFalse();
  }
}
