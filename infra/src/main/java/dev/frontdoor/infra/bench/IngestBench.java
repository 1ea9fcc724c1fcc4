package dev.frontdoor.infra.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.IngestOutcome;
import dev.frontdoor.inbound.WebhookDelivery;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.inbound.WhatsAppIngest;
import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@code bin/gateway bench ingest}: two ratios, each against a floor measured in the same run.
 *
 * <ul>
 *   <li>A. CPU per ~2 KB webhook for verify + parse + map, against an HMAC-SHA256 and a plain
 *       Jackson tree parse of the same bytes (target: within 1.5x).
 *   <li>B. Webhooks per second through the real local gateway (HTTP, the Lambda handler, DynamoDB
 *       Local), against raw conditional PutItems per second on the same DynamoDB Local with the
 *       same number of threads (target: at least 0.5).
 *   <li>C. The time to store one signed webhook of 1,000 statuses (and of 1,000 messages) end to
 *       end, against the webhook function's 10 s timeout ({@link BatchBench}).
 * </ul>
 *
 * Every figure is printed on a line starting with {@code BENCH }, as {@code name=value} pairs.
 */
public final class IngestBench {
  static final String APP_SECRET = "bench-meta-app-secret";
  static final String REF_KEY = "bench-customer-ref-key-0123456789";

  /** The table writes one single-message webhook costs (WhatsAppIngest.storeMessage). */
  static final int WRITES_PER_WEBHOOK = 1;

  static final int PUT_ITEM_BYTES = 1024;
  static final double CPU_TARGET = 1.5;
  static final double THROUGHPUT_TARGET = 0.5;

  /** Time for the client threads to get going again when a slice starts after the first. */
  static final double SLICE_RAMP_SECONDS = 0.25;

  /** Added before each table call in part C's in-process run: a DynamoDB round trip, roughly. */
  static final int BATCH_LATENCY_MS = 5;

  private final Options options;
  private final LongAdder logLines = new LongAdder();
  private final List<String> problemLines = new ArrayList<>();

  private IngestBench(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("frontdoor: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    new IngestBench(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    // The gateway logs one line per webhook; the benchmark keeps the formatting cost (as in
    // Lambda) but not the lines, except warnings and errors, shown at the end.
    Log.setSink(
        line -> {
          logLines.increment();
          if (line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")) {
            synchronized (problemLines) {
              if (problemLines.size() < 5) {
                problemLines.add(line);
              }
            }
          }
        });
    long started = System.nanoTime();
    bench("part=jvm " + jvmDescription());
    List<String> summary = new ArrayList<>();

    if (options.runCpu()) {
      summary.addAll(cpuPart());
    }
    if (options.runThroughput()) {
      summary.addAll(throughputPart());
    }
    if (options.runBatch()) {
      summary.addAll(batchPart());
    }

    bench(
        "part=run seconds=%.1f log_lines=%d log_warnings_or_errors=%d",
        (System.nanoTime() - started) / 1e9, logLines.sum(), problemLines.size());
    System.out.println();
    summary.forEach(System.out::println);
    if (!problemLines.isEmpty()) {
      System.out.println("First warnings/errors logged by the gateway:");
      problemLines.forEach(line -> System.out.println("  " + line));
    }
  }

  private List<String> cpuPart() {
    CpuBench.Result result =
        new CpuBench()
            .run(
                options.cpuWarmupSeconds(),
                options.cpuRounds(),
                options.cpuRoundMillis(),
                options.bodyBytes(),
                APP_SECRET);
    CpuBench.Stats candidate = result.get(CpuBench.VERIFY_PARSE_MAP);
    CpuBench.Stats floor = result.get(CpuBench.FLOOR);
    bench(
        "part=cpu body_bytes=%d messages=%d statuses=%d rounds=%d round_ms=%d"
            + " verify_parse_map_ns_per_op=%.0f floor_ns_per_op=%.0f ratio=%.2f"
            + " ratio_paired_median=%.2f target_max=%.1f within_target=%s",
        result.bodyBytes(),
        result.messages(),
        result.statuses(),
        options.cpuRounds(),
        options.cpuRoundMillis(),
        candidate.medianNs(),
        floor.medianNs(),
        result.ratio(),
        result.pairedRatio(),
        CPU_TARGET,
        result.ratio() <= CPU_TARGET);
    for (CpuBench.Stats stats : result.stats().values()) {
      bench(
          "part=cpu.detail workload=%s ns_per_op_median=%.0f ns_per_op_min=%.0f"
              + " ns_per_op_max=%.0f alloc_bytes_per_op=%.0f gc_ns_per_op=%.0f ops=%d",
          stats.name(),
          stats.medianNs(),
          stats.minNs(),
          stats.maxNs(),
          stats.allocBytesPerOp(),
          stats.gcNsPerOp(),
          stats.ops());
    }
    CpuBench.Stats verify = result.get("verify");
    CpuBench.Stats parse = result.get("parse_map");
    CpuBench.Stats hmac = result.get("floor_hmac");
    CpuBench.Stats tree = result.get("floor_tree");
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "A. CPU per %d-byte webhook (%d messages, %d statuses): verify+parse+map %.1f us vs"
                + " floor %.1f us = %.2fx (target <= %.1fx: %s).",
            result.bodyBytes(),
            result.messages(),
            result.statuses(),
            candidate.medianNs() / 1e3,
            floor.medianNs() / 1e3,
            result.ratio(),
            CPU_TARGET,
            result.ratio() <= CPU_TARGET ? "met" : "NOT met"));
    lines.add(
        String.format(
            Locale.ROOT,
            "   verify %.1f us (floor HMAC %.1f us), parse+map %.1f us (floor tree parse %.1f us);"
                + " allocation %.1f KB/op vs %.1f KB/op (GC runs off this thread, not counted).",
            verify.medianNs() / 1e3,
            hmac.medianNs() / 1e3,
            parse.medianNs() / 1e3,
            tree.medianNs() / 1e3,
            candidate.allocBytesPerOp() / 1024,
            floor.allocBytesPerOp() / 1024));
    return lines;
  }

  private List<String> batchPart() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of(options.tmpDir()), "frontdoor-bench-");
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    LocalGateway gateway = LocalGateway.start(root.resolve("template.yaml"), settings(dataDir));
    try {
      BatchBench batch =
          new BatchBench(gateway, gateway.deployment().tableNames().get("Table"), APP_SECRET);
      List<BatchBench.Result> results = batch.run(options.batchRounds());
      List<BatchBench.Result> slow =
          batch.runWithLatency(
              options.batchRounds(), BATCH_LATENCY_MS, gateway.functionEnvironment());
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              Locale.ROOT,
              "C. One signed webhook of %d entries, POST to answer (function timeout 10 s), median"
                  + " of %d rounds:",
              BatchBench.ENTRIES,
              options.batchRounds()));
      for (BatchBench.Result result : results) {
        bench(
            "part=batch workload=%s entries=%d rounds=%d median_ms=%.0f max_ms=%.0f all_ms=%s",
            result.workload(),
            BatchBench.ENTRIES,
            result.millis().size(),
            result.median(),
            result.max(),
            result.millis().stream()
                .map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                .reduce((a, b) -> a + "," + b)
                .orElse("-"));
        lines.add(summaryLine(result));
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "   In-process, each table call %d ms later (a DynamoDB round trip; the local engine"
                  + " answers in ~1 ms of CPU):",
              BATCH_LATENCY_MS));
      for (BatchBench.Result result : slow) {
        bench(
            "part=batch.latency workload=%s latency_ms=%d entries=%d rounds=%d median_ms=%.0f"
                + " max_ms=%.0f",
            result.workload(),
            BATCH_LATENCY_MS,
            BatchBench.ENTRIES,
            result.millis().size(),
            result.median(),
            result.max());
        lines.add(summaryLine(result));
      }
      return lines;
    } finally {
      gateway.close();
      deleteQuietly(dataDir);
    }
  }

  private static String summaryLine(BatchBench.Result result) {
    return String.format(
        Locale.ROOT,
        "   %s: %.2f s (max %.2f s)",
        result.workload(),
        result.median() / 1e3,
        result.max() / 1e3);
  }

  private static Map<String, String> settings(Path dataDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put(EnvVar.GATEWAY_PORT, "0");
    settings.put(EnvVar.GATEWAY_DATA_DIR, dataDir.toString());
    settings.put(EnvVar.META_APP_SECRETS, APP_SECRET);
    settings.put(EnvVar.META_VERIFY_TOKEN, "bench-verify-token");
    settings.put(EnvVar.API_TOKENS, "bench-api-token-0123456789");
    settings.put(EnvVar.CUSTOMER_REF_KEY, REF_KEY);
    return settings;
  }

  private List<String> throughputPart() throws Exception {
    if (options.nodelay()) {
      // Read once, when the JDK's HTTP server is first used: before the gateway starts.
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    Path dataDir = Files.createTempDirectory(Path.of(options.tmpDir()), "frontdoor-bench-");
    Map<String, String> settings = settings(dataDir);
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    long startNanos = System.nanoTime();
    LocalGateway gateway = LocalGateway.start(root.resolve("template.yaml"), settings);
    double startSeconds = (System.nanoTime() - startNanos) / 1e9;
    try {
      String table = gateway.deployment().tableNames().get("Table");
      bench(
          "part=gateway start_s=%.2f table=%s data_dir=%s threads=%d warmup_s=%.1f seconds=%.1f"
              + " slices=%d customers=%d http_server_nodelay=%s",
          startSeconds,
          table,
          dataDir,
          options.threads(),
          options.warmupSeconds(),
          options.seconds(),
          options.slices(),
          options.customers(),
          Boolean.getBoolean("sun.net.httpserver.nodelay"));
      String run = Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
      LoadPhase.Call webhookCall = webhookCall(gateway, run);
      LoadPhase.Call putCall = putCall(gateway.dynamoDb(), table, run);
      DirectIngest direct = options.breakdown() ? new DirectIngest(gateway, table, run) : null;

      // Webhooks and puts take turns, so that a change in what else the machine is doing
      // affects both sides of the ratio alike.
      List<LoadPhase.Result> webhookSlices = new ArrayList<>();
      List<LoadPhase.Result> directSlices = new ArrayList<>();
      List<LoadPhase.Result> putSlices = new ArrayList<>();
      double slice = options.seconds() / options.slices();
      for (int i = 0; i < options.slices(); i++) {
        double warmup = i == 0 ? options.warmupSeconds() : SLICE_RAMP_SECONDS;
        webhookSlices.add(load("e2e", warmup, slice, webhookCall));
        if (direct != null) {
          directSlices.add(load("direct", warmup, slice, direct.call()));
        }
        putSlices.add(load("puts", warmup, slice, putCall));
      }
      if (direct != null) {
        direct.close();
      }
      LoadPhase.Result webhooks = LoadPhase.Result.merge(webhookSlices);
      LoadPhase.Result puts = LoadPhase.Result.merge(putSlices);
      LoadPhase.Result directResult =
          directSlices.isEmpty() ? null : LoadPhase.Result.merge(directSlices);
      printLoad("e2e", webhooks, "webhook");
      if (directResult != null) {
        printLoad("e2e.direct_ingest", directResult, "webhook");
      }
      printLoad("puts", puts, "put");

      double ratio = webhooks.perSecond() / puts.perSecond();
      double writeRatio = webhooks.perSecond() * WRITES_PER_WEBHOOK / puts.perSecond();
      bench(
          "part=throughput webhooks_per_s=%.1f puts_per_s=%.1f ratio=%.3f target_min=%.1f"
              + " within_target=%s writes_per_webhook=%d table_writes_per_s=%.1f"
              + " table_writes_vs_puts=%.2f",
          webhooks.perSecond(),
          puts.perSecond(),
          ratio,
          THROUGHPUT_TARGET,
          ratio >= THROUGHPUT_TARGET,
          WRITES_PER_WEBHOOK,
          webhooks.perSecond() * WRITES_PER_WEBHOOK,
          writeRatio);

      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              Locale.ROOT,
              "B. %d threads, %.0f s each: %.0f webhooks/s end to end vs %.0f conditional"
                  + " PutItem/s = %.2f (target >= %.1f: %s).",
              options.threads(),
              options.seconds(),
              webhooks.perSecond(),
              puts.perSecond(),
              ratio,
              THROUGHPUT_TARGET,
              ratio >= THROUGHPUT_TARGET ? "met" : "NOT met"));
      lines.add(
          String.format(
              Locale.ROOT,
              "   Each webhook is %d conditional table write (the message; its service window is"
                  + " derived when read): what the gateway adds costs %.0f%% of the put rate.",
              WRITES_PER_WEBHOOK,
              (1 - writeRatio) * 100));
      lines.add(
          String.format(
              Locale.ROOT,
              "   CPU: %.0f us per webhook vs %.0f us per put (%.2f vs %.2f cores busy); p50"
                  + " %.1f ms vs %.1f ms; errors %d vs %d.",
              webhooks.cpuUsPerOp(),
              puts.cpuUsPerOp(),
              webhooks.cpuCores(),
              puts.cpuCores(),
              webhooks.p50Ms(),
              puts.p50Ms(),
              webhooks.errors(),
              puts.errors()));
      lines.add("   Where a webhook's CPU goes (us/op): " + topGroups(webhooks));
      lines.add("   Where a put's CPU goes (us/op): " + topGroups(puts));
      if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
        lines.add(
            "   Note: the gateway's HTTP server runs with Nagle on (sun.net.httpserver.nodelay"
                + " unset), so a response can wait ~40 ms for a delayed ACK; --nodelay measures"
                + " without it.");
      }
      if (directResult != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "   Without HTTP and the Lambda event (WhatsAppIngest called in-process): %.0f"
                    + " webhooks/s, %.0f us CPU each.",
                directResult.perSecond(),
                directResult.cpuUsPerOp()));
      }
      return lines;
    } finally {
      gateway.close();
      deleteQuietly(dataDir);
    }
  }

  private LoadPhase.Result load(String name, double warmup, double seconds, LoadPhase.Call call)
      throws InterruptedException {
    return LoadPhase.run(name, options.threads(), warmup, seconds, call);
  }

  /** A signed single-message webhook POSTed to the gateway; 200 and "new":1 is success. */
  private LoadPhase.Call webhookCall(LocalGateway gateway, String run) {
    URI uri = gateway.baseUri().resolve("/webhooks/whatsapp");
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Secret secret = Secret.of(APP_SECRET);
    WebhookFactory factory = new WebhookFactory(run, options.customers());
    return (thread, seq) -> {
      byte[] body = factory.next();
      HttpRequest request = Webhooks.signedPost(uri, body, secret, Duration.ofSeconds(30));
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return "http " + response.statusCode() + ": " + abbreviate(response.body());
      }
      if (!response.body().contains("\"new\":1")) {
        return "not stored as new: " + abbreviate(response.body());
      }
      return null;
    };
  }

  /**
   * The ingest the webhook handler runs, wired the same way but called in-process: the difference
   * from the end-to-end figure is what HTTP and the Lambda event cost.
   */
  private final class DirectIngest implements AutoCloseable {
    private final DynamoDbClient dynamoDb;
    private final WhatsAppIngest ingest;
    private final Secret secret = Secret.of(APP_SECRET);
    private final WebhookFactory factory;

    DirectIngest(LocalGateway gateway, String table, String run) {
      Environment env =
          Environment.of(gateway.functionEnvironment()).with(Map.of(EnvVar.TABLE_NAME, table));
      this.dynamoDb = AwsClients.dynamoDb(env, AwsClients.lambdaHttpClient());
      this.ingest = new Composition(env, dynamoDb).ingestWhatsAppWebhook();
      this.factory = new WebhookFactory(run + "d", options.customers());
    }

    LoadPhase.Call call() {
      return (thread, seq) -> {
        byte[] body = factory.next();
        IngestOutcome outcome =
            ingest.ingest(
                new WebhookDelivery(body, WebhookSignature.sign(body, secret), "application/json"));
        return outcome instanceof IngestOutcome.Stored stored && stored.stored() == 1
            ? null
            : "not stored: " + outcome;
      };
    }

    @Override
    public void close() {
      dynamoDb.close();
    }
  }

  /** A raw conditional PutItem of a ~1 KB item under a key never used before. */
  private static LoadPhase.Call putCall(DynamoDbClient dynamoDb, String table, String run) {
    String prefix = "BENCH#" + run + "#";
    String padding = "p".repeat(PUT_ITEM_BYTES - putItemBytesWithoutPayload(prefix));
    AtomicLong sequence = new AtomicLong();
    return (thread, seq) -> {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("pk", AttributeValue.fromS(prefix + sequence.incrementAndGet()));
      item.put("sk", AttributeValue.fromS("PUT"));
      item.put("entity", AttributeValue.fromS("bench_put"));
      item.put("at", AttributeValue.fromN("1749416383000"));
      item.put("expires_at", AttributeValue.fromN("1780952383"));
      item.put("payload", AttributeValue.fromS(padding));
      dynamoDb.putItem(
          PutItemRequest.builder()
              .tableName(table)
              .item(item)
              .conditionExpression("attribute_not_exists(pk)")
              .build());
      return null;
    };
  }

  /**
   * DynamoDB's item size: attribute names plus values (a number about one byte per two digits), for
   * a key with a 7-digit sequence; the payload makes up the rest of {@link #PUT_ITEM_BYTES}.
   */
  static int putItemBytesWithoutPayload(String prefix) {
    int key = "pk".length() + prefix.length() + "0000000".length() + "sk".length() + 3;
    int fixed = "entity".length() + "bench_put".length() + "at".length() + 8;
    fixed += "expires_at".length() + 6 + "payload".length();
    return key + fixed;
  }

  /** Distinct, validly signed single-message webhooks; customers drawn from a fixed pool. */
  static final class WebhookFactory {
    private final String run;
    private final int customers;
    private final long baseSeconds = System.currentTimeMillis() / 1000 - 86_400;
    private final AtomicLong sequence = new AtomicLong();

    WebhookFactory(String run, int customers) {
      this.run = run;
      this.customers = customers;
    }

    byte[] next() {
      long n = sequence.incrementAndGet();
      long customer = customers <= 0 ? n % 10_000_000 : n % customers;
      String waId = String.format(Locale.ROOT, "2782%07d", customer);
      // A strictly increasing timestamp: each delivery moves its customer's window and thread
      // forward, as a new message does, rather than failing their conditions.
      return Webhooks.single(
          waId, "wamid.BENCH" + run + "N" + n, baseSeconds + n, "Customer " + customer);
    }
  }

  private void printLoad(String part, LoadPhase.Result result, String unit) {
    StringBuilder groups = new StringBuilder();
    result
        .cpuUsPerOpByGroup()
        .forEach(
            (group, us) -> groups.append(String.format(Locale.ROOT, " cpu_us.%s=%.1f", group, us)));
    StringBuilder errors = new StringBuilder();
    result
        .errorKinds()
        .forEach(
            (kind, count) ->
                errors
                    .append(" error.")
                    .append(kind.replaceAll("\\W+", "_"))
                    .append('=')
                    .append(count));
    bench(
        "part=%s threads=%d seconds=%.2f %ss=%d %ss_per_s=%.1f per_slice=%s errors=%d p50_ms=%.2f"
            + " p99_ms=%.2f cpu_cores=%.2f cpu_us_per_%s=%.1f%s%s",
        part,
        result.threads(),
        result.seconds(),
        unit,
        result.ok(),
        unit,
        result.perSecond(),
        result.sliceRates().stream()
            .map(rate -> String.format(Locale.ROOT, "%.1f", rate))
            .reduce((a, b) -> a + "," + b)
            .orElse("-"),
        result.errors(),
        result.p50Ms(),
        result.p99Ms(),
        result.cpuCores(),
        unit,
        result.cpuUsPerOp(),
        groups,
        errors);
    if (result.firstError() != null) {
      System.out.println("frontdoor: first " + part + " error: " + result.firstError());
    }
  }

  private static String topGroups(LoadPhase.Result result) {
    return result.cpuUsPerOpByGroup().entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(5)
        .map(entry -> String.format(Locale.ROOT, "%s %.0f", entry.getKey(), entry.getValue()))
        .reduce((a, b) -> a + ", " + b)
        .orElse("-");
  }

  private static String jvmDescription() {
    String jit = "tiered";
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hotspot.getVMOption("TieredStopAtLevel").getValue().equals("1")) {
        jit = "c1_only";
      }
    } catch (RuntimeException e) {
      jit = "unknown";
    }
    String gc =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(bean -> bean.getName().replace(' ', '_'))
            .reduce((a, b) -> a + "+" + b)
            .orElse("none");
    return String.format(
        Locale.ROOT,
        "java=%s cpus=%d heap_max_mb=%d jit=%s gc=%s",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        jit,
        gc);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static void bench(String format, Object... args) {
    System.out.println("BENCH " + String.format(Locale.ROOT, format, args));
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // a temporary directory; the OS cleans up what is left
                }
              });
    } catch (IOException e) {
      // same
    }
  }
}
