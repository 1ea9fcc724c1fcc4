package dev.frontdoor.infra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's settings: {@code --name value} arguments, else {@code -Dbench.name=value}, else
 * defaults that finish in well under a minute on a two-core machine.
 */
record Options(
    double seconds,
    double warmupSeconds,
    int threads,
    int slices,
    int customers,
    double cpuWarmupSeconds,
    int cpuRounds,
    int cpuRoundMillis,
    int bodyBytes,
    String only,
    boolean breakdown,
    boolean nodelay,
    String tmpDir,
    int batchRounds,
    boolean help) {

  static final String USAGE =
      String.join(
          "\n",
          "usage: bin/gateway bench ingest [options]   (each also as -Dbench.<name>=<value>)",
          "  --seconds N         measured seconds of each throughput phase (default 10)",
          "  --warmup N          warm-up seconds before each throughput phase (default 2)",
          "  --threads N         concurrent client threads (default 4)",
          "  --slices N          alternate webhooks and puts N times, seconds/N each (default 2)",
          "  --customers N       distinct customers the webhooks come from, 0: a new one each (1000)",
          "  --cpu-warmup N      warm-up seconds of the CPU part (default 2)",
          "  --cpu-rounds N      measured rounds of the CPU part (default 5)",
          "  --cpu-round-ms N    CPU milliseconds per workload per round (default 300)",
          "  --body-bytes N      size of the CPU part's webhook body (default 2048)",
          "  --only cpu|e2e|batch  run one part only",
          "  --batch-rounds N    measured 1,000-entry webhooks per workload of part C (default 3)",
          "  --breakdown         also time WhatsAppIngest in-process (no HTTP), +warmup+seconds",
          "  --nodelay           start the gateway's HTTP server with TCP_NODELAY (Nagle off)",
          "  --tmp-dir DIR       parent of the gateway's temporary data directory (default /dev/shm",
          "                      when there is one: the disk out of the engine's figures)",
          "JAVA_OPTS replaces the JVM options (default: the gateway's, C1 only as in Lambda).");

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("seconds", "10");
    defaults.put("warmup", "2");
    defaults.put("threads", "4");
    defaults.put("slices", "2");
    defaults.put("customers", "1000");
    defaults.put("cpu-warmup", "2");
    defaults.put("cpu-rounds", "5");
    defaults.put("cpu-round-ms", "300");
    defaults.put("body-bytes", "2048");
    defaults.put("only", "all");
    defaults.put("breakdown", "false");
    defaults.put("nodelay", "false");
    defaults.put("tmp-dir", defaultTmpDir());
    defaults.put("batch-rounds", "3");
    return Map.copyOf(defaults);
  }

  static Options parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    DEFAULTS.forEach(
        (name, fallback) -> values.put(name, System.getProperty("bench." + name, fallback)));
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      if (value == null) {
        if (name.equals("breakdown") || name.equals("nodelay")) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
      }
      values.put(name, value);
    }
    String only = values.get("only").toLowerCase(Locale.ROOT);
    if (!List.of("all", "cpu", "e2e", "batch").contains(only)) {
      throw new IllegalArgumentException("--only must be cpu, e2e or batch");
    }
    return new Options(
        positive(values, "seconds"),
        nonNegative(values, "warmup"),
        (int) positive(values, "threads"),
        (int) positive(values, "slices"),
        (int) nonNegative(values, "customers"),
        nonNegative(values, "cpu-warmup"),
        (int) positive(values, "cpu-rounds"),
        (int) positive(values, "cpu-round-ms"),
        (int) positive(values, "body-bytes"),
        only,
        Boolean.parseBoolean(values.get("breakdown")),
        Boolean.parseBoolean(values.get("nodelay")),
        values.get("tmp-dir"),
        (int) positive(values, "batch-rounds"),
        help);
  }

  /** Memory-backed when the machine has it, so the disk's speed stays out of the figures. */
  private static String defaultTmpDir() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? shm.toString()
        : System.getProperty("java.io.tmpdir");
  }

  boolean runCpu() {
    return only.equals("all") || only.equals("cpu");
  }

  boolean runThroughput() {
    return only.equals("all") || only.equals("e2e");
  }

  boolean runBatch() {
    return only.equals("all") || only.equals("batch");
  }

  private static double positive(Map<String, String> values, String name) {
    double value = number(values, name);
    if (value <= 0) {
      throw new IllegalArgumentException("--" + name + " must be positive");
    }
    return value;
  }

  private static double nonNegative(Map<String, String> values, String name) {
    double value = number(values, name);
    if (value < 0) {
      throw new IllegalArgumentException("--" + name + " must not be negative");
    }
    return value;
  }

  private static double number(Map<String, String> values, String name) {
    try {
      return Double.parseDouble(values.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number");
    }
  }
}
