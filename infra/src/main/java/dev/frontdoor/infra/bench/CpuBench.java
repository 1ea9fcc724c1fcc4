package dev.frontdoor.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WebhookBatch;
import dev.frontdoor.inbound.WebhookParser;
import dev.frontdoor.inbound.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Part A: CPU time of one thread per webhook for verify + parse + map, against a floor of what any
 * implementation must do with the same bytes (an HMAC-SHA256 and a Jackson tree parse). Workloads
 * run interleaved, round after round, so that drift (JIT, heap, frequency) hits all of them alike;
 * each is timed with the thread's own CPU clock, and the median round is reported.
 */
final class CpuBench {
  /** Checked once per batch of operations, so reading the CPU clock costs next to nothing. */
  private static final int BATCH = 64;

  static final String VERIFY_PARSE_MAP = "verify_parse_map";
  static final String FLOOR = "floor";

  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static volatile long sink;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();

  /** One workload's figures over the measured rounds. */
  record Stats(
      String name,
      double medianNs,
      double minNs,
      double maxNs,
      double allocBytesPerOp,
      double gcNsPerOp,
      long ops,
      double[] roundNs) {}

  /** The whole of part A. */
  record Result(
      int bodyBytes,
      int messages,
      int statuses,
      Map<String, Stats> stats,
      double ratio,
      double pairedRatio) {
    Stats get(String name) {
      return stats.get(name);
    }
  }

  private interface Op {
    long run() throws Exception;
  }

  private record Workload(String name, Op op) {}

  Result run(double warmupSeconds, int rounds, int roundMillis, int bodyBytes, String secret) {
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    byte[] body = Webhooks.batch(bodyBytes);
    Secret appSecret = Secret.of(secret);
    String header = WebhookSignature.sign(body, appSecret);
    WebhookSignature signature = new WebhookSignature(List.of(appSecret));
    WebhookParser parser = new WebhookParser("ZA");
    Mac mac = mac(appSecret);
    WebhookBatch sample = parser.parse(body);
    if (signature.check(body, header) != WebhookSignature.Result.VALID) {
      throw new IllegalStateException("the benchmark body's signature does not verify");
    }

    List<Workload> workloads =
        List.of(
            new Workload(
                VERIFY_PARSE_MAP,
                () -> {
                  if (signature.check(body, header) != WebhookSignature.Result.VALID) {
                    throw new IllegalStateException("signature");
                  }
                  return parser.parse(body).size();
                }),
            new Workload(FLOOR, () -> mac.doFinal(body)[0] + PLAIN.readTree(body).size()),
            new Workload("verify", () -> signature.check(body, header).ordinal()),
            new Workload("parse_map", () -> parser.parse(body).messages().size()),
            new Workload("floor_hmac", () -> mac.doFinal(body)[0]),
            new Workload("floor_tree", () -> tree(body).size()));

    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    while (System.nanoTime() < warmupEnd) {
      for (Workload workload : workloads) {
        for (int i = 0; i < BATCH * 4; i++) {
          sink += call(workload.op());
        }
      }
    }

    Map<String, double[]> nsPerRound = new LinkedHashMap<>();
    Map<String, long[]> totals = new LinkedHashMap<>(); // ops, allocated bytes, gc millis
    for (Workload workload : workloads) {
      nsPerRound.put(workload.name(), new double[rounds]);
      totals.put(workload.name(), new long[3]);
    }
    long roundNanos = roundMillis * 1_000_000L;
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < workloads.size(); k++) {
        // Rotate the order each round: no workload always follows the same one.
        Workload workload = workloads.get((k + round) % workloads.size());
        long gc0 = gcMillis();
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long ops = 0;
        long cpu;
        long local = 0;
        do {
          for (int i = 0; i < BATCH; i++) {
            local += call(workload.op());
          }
          ops += BATCH;
          cpu = threads.getCurrentThreadCpuTime();
        } while (cpu - cpu0 < roundNanos);
        long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
        long gc = gcMillis() - gc0;
        sink += local;
        nsPerRound.get(workload.name())[round] = (double) (cpu - cpu0) / ops;
        long[] total = totals.get(workload.name());
        total[0] += ops;
        total[1] += alloc;
        total[2] += gc;
      }
    }

    Map<String, Stats> stats = new LinkedHashMap<>();
    for (Workload workload : workloads) {
      double[] ns = nsPerRound.get(workload.name());
      long[] total = totals.get(workload.name());
      stats.put(
          workload.name(),
          new Stats(
              workload.name(),
              median(ns),
              min(ns),
              max(ns),
              (double) total[1] / total[0],
              total[2] * 1e6 / total[0],
              total[0],
              ns));
    }
    double[] candidate = nsPerRound.get(VERIFY_PARSE_MAP);
    double[] floor = nsPerRound.get(FLOOR);
    double[] paired = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      paired[round] = candidate[round] / floor[round];
    }
    return new Result(
        body.length,
        sample.messages().size(),
        sample.statuses().size(),
        stats,
        stats.get(VERIFY_PARSE_MAP).medianNs() / stats.get(FLOOR).medianNs(),
        median(paired));
  }

  private static JsonNode tree(byte[] body) {
    try {
      return PLAIN.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long call(Op op) {
    try {
      return op.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Mac mac(Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(double[] values) {
    return java.util.Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return java.util.Arrays.stream(values).max().orElse(Double.NaN);
  }
}
