package dev.frontdoor.infra.bench;

import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/gateway bench limiter [seconds]}: 8 concurrent senders, each with its own limiter,
 * against a Graph API test server at 80 and at 1,000 messages per second.
 */
public final class LimiterBench {
  private LimiterBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    Path data = Files.createTempDirectory("frontdoor-limiter-bench");
    try (LocalGateway gateway =
        LocalGateway.start(
            root.resolve("template.yaml"),
            Map.of("GATEWAY_PORT", "0", "GATEWAY_DATA_DIR", data.toString()))) {
      String table = gateway.deployment().tableNames().get("Table");
      for (int limit : new int[] {80, 1000}) {
        String token = "bench-token-0123456789";
        try (SandboxGraphApi graph =
            SandboxGraphApi.start(SandboxOptions.defaults(token).withMessagesPerSecond(limit))) {
          LimiterRun.Result r =
              LimiterRun.run(
                  gateway.dynamoDb(),
                  table,
                  graph.baseUri(),
                  token,
                  "77700000" + limit,
                  limit,
                  8,
                  Duration.ofSeconds(seconds));
          System.out.printf(
              Locale.ROOT,
              "BENCH part=limiter limit_mps=%d senders=%d seconds=%.0f sends=%d"
                  + " max_in_any_1s_window=%d within_limit=%s achieved_share=%.3f target_min=0.95"
                  + " table_calls_per_send=%.3f target_max=0.05 refused_130429=%d other_errors=%d%n",
              limit,
              r.senders(),
              r.seconds(),
              r.sends(),
              r.maxInAnyWindow(),
              r.maxInAnyWindow() <= limit,
              r.achievedShare(),
              r.callsPerSend(),
              r.refused130429(),
              r.otherErrors());
        }
      }
    }
    System.exit(0);
  }
}
