package dev.frontdoor.infra.bench;

import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.sandbox.Faults;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/gateway bench limiter [seconds] [--limits 10,80,1000] [--latencies 0,150,300]
 * [--senders 8] [--sends-per-sender 96]}: for every limit and Graph API answer time, 8 senders,
 * each with its own limiter and its sends side by side, against a sandbox Graph API enforcing the
 * limit like Meta; counted on the sandbox's arrival times.
 */
public final class LimiterBench {
  static final String USAGE =
      String.join(
          "\n",
          "usage: bin/gateway bench limiter [seconds] [options]",
          "  seconds                 length of each row (default 15)",
          "  --limits L,L,...        the number's limits in mps (default 10,80,1000)",
          "  --latencies MS,MS,...   the Graph API's answer times in ms (default 0,150,300)",
          "  --senders N             sender instances, each its own limiter (default 8)",
          "  --sends-per-sender N    sends side by side in each sender (default 96)");

  private LimiterBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = 15;
    List<Integer> limits = List.of(10, 80, 1000);
    List<Integer> latencies = List.of(0, 150, 300);
    int senders = 8;
    int sendsPerSender = 96;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--limits" -> limits = ints(args[++i]);
        case "--latencies", "--latency" -> latencies = ints(args[++i]);
        case "--senders" -> senders = Integer.parseInt(args[++i]);
        case "--sends-per-sender" -> sendsPerSender = Integer.parseInt(args[++i]);
        case "-h", "--help", "help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          if (!args[i].matches("\\d+")) {
            System.err.println("unknown argument " + args[i] + "\n" + USAGE);
            System.exit(2);
          }
          seconds = Integer.parseInt(args[i]);
        }
      }
    }
    // The senders stand for separate instances, each with its own JVM's keep-alive pool (64 idle
    // connections per host, JdkHttpDefaults); in this one JVM they share one pool for the sandbox.
    // The sandbox keeps as many idle connections open (the JDK server's default, 200, closed the
    // rest, and a POST on a closed keep-alive connection fails: never resent, so never doubled).
    for (String pool : List.of("http.maxConnections", "sun.net.httpserver.maxIdleConnections")) {
      if (System.getProperty(pool) == null) {
        System.setProperty(pool, String.valueOf(senders * sendsPerSender));
      }
    }
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    Path data = Files.createTempDirectory("frontdoor-limiter-bench");
    List<LimiterRun.Result> results = new ArrayList<>();
    List<Integer> latencyOfResult = new ArrayList<>();
    Map<Integer, Double> floors = new java.util.HashMap<>();
    try (LocalGateway gateway =
        LocalGateway.start(
            root.resolve("template.yaml"),
            Map.of("GATEWAY_PORT", "0", "GATEWAY_DATA_DIR", data.toString()))) {
      String table = gateway.deployment().tableNames().get("Table");
      int row = 0;
      for (int latency : latencies) {
        // The floor: what these senders and this machine send with no limiter at this latency.
        LimiterRun.Result floor =
            run(gateway, table, 0, latency, senders, sendsPerSender, Math.min(seconds, 5), row++);
        floors.put(latency, floor.achievedShare());
        System.out.printf(
            Locale.ROOT,
            "BENCH part=limiter_floor graph_latency_ms=%d senders=%d sends_per_sender=%d"
                + " unlimited_sends_per_second=%.0f%n",
            latency,
            senders,
            sendsPerSender,
            floor.achievedShare());
        for (int limit : limits) {
          LimiterRun.Result r =
              run(gateway, table, limit, latency, senders, sendsPerSender, seconds, row++);
          print(r, latency);
          results.add(r);
          latencyOfResult.add(latency);
        }
      }
    }
    System.out.println();
    System.out.println(
        "| limit | Graph API answer | sends | max in any 1 s | share of limit | machine's rate"
            + " without a limiter (floor) | share of min(limit, floor) | table calls/send | 130429"
            + " | late times given up |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (int i = 0; i < results.size(); i++) {
      LimiterRun.Result r = results.get(i);
      System.out.printf(
          Locale.ROOT,
          "| %d mps | %d ms | %d | %d | %.1f%% | %.0f/s | %.1f%% | %.3f | %d | %d |%n",
          r.limit(),
          latencyOfResult.get(i),
          r.sends(),
          r.maxInAnyWindow(),
          100 * r.achievedShare(),
          floors.get(latencyOfResult.get(i)),
          100 * r.sends() / r.seconds() / Math.min(r.limit(), floors.get(latencyOfResult.get(i))),
          r.callsPerSend(),
          r.refused130429(),
          r.lateTimes());
    }
    System.exit(0);
  }

  private static List<Integer> ints(String list) {
    List<Integer> values = new ArrayList<>();
    for (String part : list.split(",")) {
      values.add(Integer.parseInt(part.trim()));
    }
    return values;
  }

  /** {@code senders} against a fresh sandbox enforcing {@code limit}, answering after latency. */
  private static LimiterRun.Result run(
      LocalGateway gateway,
      String table,
      int limit,
      int latencyMs,
      int senders,
      int sendsPerSender,
      int seconds,
      int row)
      throws InterruptedException {
    String token = "bench-token-0123456789";
    try (SandboxGraphApi graph =
        SandboxGraphApi.start(
            SandboxOptions.defaults(token).withMessagesPerSecond(limit > 0 ? limit : 1_000_000))) {
      if (latencyMs > 0) {
        graph.faults().randomly(1.0, 1, List.of(new Faults.Delay(Duration.ofMillis(latencyMs))));
      }
      return LimiterRun.run(
          gateway.dynamoDb(),
          table,
          graph,
          token,
          "7770" + row + "0" + limit,
          limit,
          senders,
          sendsPerSender,
          Duration.ofSeconds(seconds));
    }
  }

  private static void print(LimiterRun.Result r, int latencyMs) {
    int limit = r.limit();
    System.out.printf(
        Locale.ROOT,
        "BENCH part=limiter limit_mps=%d graph_latency_ms=%d senders=%d sends_per_sender=%d"
            + " seconds=%.0f sends=%d max_in_any_1s_window=%d within_limit=%s"
            + " achieved_share=%.3f target_min=0.95 table_calls_per_send=%.3f target_max=0.05"
            + " refused_130429=%d other_errors=%d late_times_given_up=%d"
            + " max_started_in_any_1s_window=%d%n",
        limit,
        latencyMs,
        r.senders(),
        r.sendsPerSender(),
        r.seconds(),
        r.sends(),
        r.maxInAnyWindow(),
        r.maxInAnyWindow() <= limit,
        r.achievedShare(),
        r.callsPerSend(),
        r.refused130429(),
        r.otherErrors(),
        r.lateTimes(),
        r.maxStartedInAnyWindow());
  }
}
