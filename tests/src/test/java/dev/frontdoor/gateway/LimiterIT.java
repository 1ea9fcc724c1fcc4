package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.infra.bench.LimiterRun;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eight senders with their own limiters against a Graph API test server that enforces the number's
 * throughput like Meta: no one-second window over the limit, no 130429, few table calls per send.
 */
class LimiterIT extends InboundScenario {
  private static final int SCALE = Integer.getInteger("frontdoor.suite.scale", 1);

  @ParameterizedTest
  @ValueSource(ints = {80, 1000})
  void eightSenders_neverExceedTheThroughputInAnySecond(int limit) throws Exception {
    try (SandboxGraphApi graph =
        SandboxGraphApi.start(
            SandboxOptions.defaults("limiter-token-0123456789").withMessagesPerSecond(limit))) {
      LimiterRun.Result result =
          LimiterRun.run(
              gateway.gateway.dynamoDb(),
              gateway.table,
              graph,
              "limiter-token-0123456789",
              "88800000" + limit,
              limit,
              8,
              16,
              Duration.ofSeconds(3L * SCALE));
      System.out.printf(
          "FIGURE limiter %d mps, 8 senders, %.1f s: %d sends, max in any 1 s window %d, achieved %.1f%% of the limit, %.3f table calls per send, %d x 130429, %d other errors%n",
          limit,
          result.seconds(),
          result.sends(),
          result.maxInAnyWindow(),
          100 * result.achievedShare(),
          result.callsPerSend(),
          result.refused130429(),
          result.otherErrors());
      assertThat(result.maxInAnyWindow()).isLessThanOrEqualTo(limit);
      assertThat(result.refused130429()).isZero();
      assertThat(result.otherErrors()).isZero();
      // Achieved share and calls per send are figures (README, benchmarks), not assertions here.
    }
  }
}
