package dev.frontdoor.infra.bench;

import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.sandbox.Faults;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/gateway bench limiter [seconds]}: 8 concurrent senders, each with its own limiter,
 * against a Graph API test server at 80 and at 1,000 messages per second; then at 80 with the
 * server answering in 150 ms, one send at a time per sender against ten side by side.
 */
public final class LimiterBench {
  private static final int GRAPH_LATENCY_MS = 150;

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
        print(run(gateway, table, limit, 1, 0, seconds), "");
      }
      // The Graph API answering in 150 ms, as the real one roughly does: one send at a time per
      // sender cannot use the schedule; the sender function's side-by-side customers can.
      for (int threads : new int[] {1, 10}) {
        print(
            run(gateway, table, 80, threads, GRAPH_LATENCY_MS, seconds),
            " graph_latency_ms=" + GRAPH_LATENCY_MS + " threads_per_sender=" + threads);
      }
    }
    System.exit(0);
  }

  /**
   * 8 senders against a fresh sandbox enforcing {@code limit}, answering after {@code latencyMs}.
   */
  private static LimiterRun.Result run(
      LocalGateway gateway, String table, int limit, int threads, int latencyMs, int seconds)
      throws InterruptedException {
    String token = "bench-token-0123456789";
    try (SandboxGraphApi graph =
        SandboxGraphApi.start(SandboxOptions.defaults(token).withMessagesPerSecond(limit))) {
      if (latencyMs > 0) {
        graph.faults().randomly(1.0, 1, List.of(new Faults.Delay(Duration.ofMillis(latencyMs))));
      }
      return LimiterRun.run(
          gateway.dynamoDb(),
          table,
          graph.baseUri(),
          token,
          "7770" + limit + "0" + threads + latencyMs,
          limit,
          8,
          threads,
          Duration.ofSeconds(seconds));
    }
  }

  private static void print(LimiterRun.Result r, String setting) {
    int limit = r.limit();
    System.out.printf(
        Locale.ROOT,
        "BENCH part=limiter limit_mps=%d senders=%d%s seconds=%.0f sends=%d"
            + " max_in_any_1s_window=%d within_limit=%s achieved_share=%.3f target_min=0.95"
            + " table_calls_per_send=%.3f target_max=0.05 refused_130429=%d other_errors=%d%n",
        limit,
        r.senders(),
        setting,
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
