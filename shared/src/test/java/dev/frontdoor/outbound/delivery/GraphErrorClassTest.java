package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which Graph API errors are retried, alarmed or final, and which slow every sender down. */
class GraphErrorClassTest {

  @Test
  void of_throttlingAndServerErrors_areRetriedAndPermanentOnesAreNot() {
    assertThat(GraphErrorClass.of(400, 130429)).isEqualTo(GraphErrorClass.RETRY);
    assertThat(GraphErrorClass.of(400, 131056)).isEqualTo(GraphErrorClass.RETRY);
    assertThat(GraphErrorClass.of(429, 4)).isEqualTo(GraphErrorClass.RETRY);
    assertThat(GraphErrorClass.of(503, 131000)).isEqualTo(GraphErrorClass.RETRY);
    assertThat(GraphErrorClass.of(400, 131047)).isEqualTo(GraphErrorClass.NEVER_RETRY);
    assertThat(GraphErrorClass.of(400, 131026)).isEqualTo(GraphErrorClass.NEVER_RETRY);
    assertThat(GraphErrorClass.of(400, 131048)).isEqualTo(GraphErrorClass.ALARM);
    assertThat(GraphErrorClass.of(401, 190)).isEqualTo(GraphErrorClass.ALARM);
  }

  @Test
  void limiterPauseMillis_throughputAWholeSecondRateLimitsAndServerErrorsAQuarterPairRateNone() {
    assertThat(GraphErrorClass.limiterPauseMillis(400, 130429)).isEqualTo(1_000);
    assertThat(GraphErrorClass.limiterPauseMillis(429, 4)).isEqualTo(250);
    assertThat(GraphErrorClass.limiterPauseMillis(400, 80007)).isEqualTo(250);
    assertThat(GraphErrorClass.limiterPauseMillis(503, 131000)).isEqualTo(250);
    assertThat(GraphErrorClass.limiterPauseMillis(400, 131056)).isZero();
    assertThat(GraphErrorClass.limiterPauseMillis(400, 131026)).isZero();
  }
}
