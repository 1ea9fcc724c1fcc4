package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventWebhookRetryTest {
  private final EventWebhookRetry retry =
      new EventWebhookRetry(5, Duration.ofMillis(500), Duration.ofSeconds(3));

  @Test
  void backsOffExponentially_upToTheCap_thenStops() {
    assertThat(retry.delayAfter(1)).contains(Duration.ofMillis(500));
    assertThat(retry.delayAfter(2)).contains(Duration.ofMillis(1000));
    assertThat(retry.delayAfter(3)).contains(Duration.ofMillis(2000));
    assertThat(retry.delayAfter(4)).contains(Duration.ofSeconds(3));
    assertThat(retry.delayAfter(5)).as("the fifth attempt was the last").isEmpty();
  }

  @Test
  void manyAttempts_neverOverflowPastTheCap() {
    EventWebhookRetry patient =
        new EventWebhookRetry(1000, Duration.ofMillis(500), Duration.ofSeconds(30));
    assertThat(patient.delayAfter(70)).contains(Duration.ofSeconds(30));
    assertThat(patient.delayAfter(999)).contains(Duration.ofSeconds(30));
  }

  @Test
  void retriesServerErrorsTimeoutsAndThrottling_notOtherRefusals() {
    assertThat(EventWebhookRetry.retryable(500)).isTrue();
    assertThat(EventWebhookRetry.retryable(503)).isTrue();
    assertThat(EventWebhookRetry.retryable(408)).isTrue();
    assertThat(EventWebhookRetry.retryable(429)).isTrue();
    assertThat(EventWebhookRetry.retryable(400)).isFalse();
    assertThat(EventWebhookRetry.retryable(401)).isFalse();
    assertThat(EventWebhookRetry.retryable(404)).isFalse();
    assertThat(EventWebhookRetry.delivered(204)).isTrue();
    assertThat(EventWebhookRetry.delivered(301)).isFalse();
  }

  @Test
  void nonsense_isRefused() {
    assertThatThrownBy(() -> new EventWebhookRetry(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventWebhookRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
