package dev.frontdoor.infra.bench;

import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Secret;
import dev.frontdoor.infra.local.Invocations;
import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.logging.Log;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * {@code bin/gateway bench cost [N]}: the AWS requests, capacity units, Lambda invocations and
 * duration, and log bytes that N inbound text webhooks, then N sends with their three status
 * webhooks (sent, delivered, read), make through the real local gateway, and what a million of each
 * costs at list prices ({@link CostPrices}).
 *
 * <p>Requests and capacity come from {@link AwsMeter}, on every SDK client of the JVM; invocations
 * and duration (wall time in the handler, this machine's CPU, not Graviton) from {@link
 * Invocations}; log bytes from the lines the functions write. Every figure is also printed on a
 * line starting with {@code BENCH}.
 */
public final class CostBench {
  static final int DEFAULT_N = 1000;
  static final int WARMUP = 50;
  static final int CLIENT_THREADS = 8;
  static final String APP_SECRET = IngestBench.APP_SECRET;
  static final String API_TOKEN = "bench-api-token-0123456789";
  static final double INBOUND_TARGET = 1.5;
  static final double OUTBOUND_TARGET = 5.0;
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

  /** The local runtime's own loggers: not function output, not in CloudWatch. */
  private static final Set<String> LOCAL_LOGGERS =
      Set.of(
          "LocalGateway",
          "LocalEventSource",
          "FunctionHost",
          "SandboxGraphApi",
          "StatusCallbacks",
          "SandboxConnect",
          "RestoredFifoQueue",
          "Redrive");

  /** The number's throughput limit for the run, or null for the gateway's default. */
  private final String throughputMps;

  private final LongAdder functionLogBytes = new LongAdder();
  private final List<String> problems = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CostBench(String throughputMps) {
    this.throughputMps = throughputMps;
  }

  public static void main(String[] args) throws Exception {
    int n = DEFAULT_N;
    String mps = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println(
            "bin/gateway bench cost [N] [--mps M]   N webhooks and N sends (default 1000);"
                + " --mps sets the number's throughput limit (WA_THROUGHPUT_MPS, default 80)");
        return;
      } else if (args[i].equals("--mps") && i + 1 < args.length) {
        mps = args[++i];
      } else {
        n = Integer.parseInt(args[i]);
      }
    }
    new CostBench(mps).run(n);
    System.exit(0);
  }

  private void run(int n) throws Exception {
    Log.setSink(this::countLine);
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    Path dataDir = Files.createTempDirectory("frontdoor-cost-");
    SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
    Set<String> webhookFunctions = new TreeSet<>();
    Set<String> apiFunctions = new TreeSet<>();
    for (SamTemplate.Route route : template.routes()) {
      (route.path().startsWith("/webhooks/") ? webhookFunctions : apiFunctions)
          .add(route.functionId());
    }
    LocalGateway gateway = LocalGateway.start(root.resolve("template.yaml"), settings(dataDir));
    try {
      SandboxGraphApi graph = gateway.sandbox().orElseThrow();
      long started = System.nanoTime();
      // Warm-up, not counted: first calls load classes and open connections.
      phase(gateway, graph, "warmup", WARMUP, 0);
      AwsMeter.start();
      Measured inbound = phase(gateway, graph, "inbound", n, 1_000_000);
      Measured outbound = phase(gateway, graph, "outbound", n, 1_000_000);
      AwsMeter.stop();
      bench(
          "part=run n=%d seconds=%.1f warnings_or_errors=%d throughput_mps=%s",
          n,
          (System.nanoTime() - started) / 1e9,
          problems.size(),
          throughputMps == null ? "default" : throughputMps);

      CostModel.Usage in =
          CostModel.Usage.of(
              n,
              inbound.aws(),
              inbound.invocations(),
              webhookFunctions,
              apiFunctions,
              inbound.logBytes());
      CostModel.Usage out =
          CostModel.Usage.of(
              n,
              outbound.aws(),
              outbound.invocations(),
              webhookFunctions,
              apiFunctions,
              outbound.logBytes());
      CostPrices prices = CostPrices.US_EAST_1;
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "Cost per million at list prices, %s, prices of %s (CostPrices).%n"
              + "Lambda duration is wall time in the handler on this machine's CPU (%s, %d cores),"
              + " not Graviton.%n",
          prices.region(),
          prices.date(),
          System.getProperty("os.arch"),
          Runtime.getRuntime().availableProcessors());
      report(
          "INBOUND: " + n + " signed webhooks, one text message each",
          "inbound",
          inbound,
          in,
          prices,
          INBOUND_TARGET);
      report(
          "OUTBOUND: "
              + n
              + " sends (POST /v1/messages, sender, Graph API) with their status webhooks"
              + " (sent, delivered, read)",
          "outbound",
          outbound,
          out,
          prices,
          OUTBOUND_TARGET);
      System.out.printf(
          Locale.ROOT,
          "%nIdle cost, not per message: the local pollers made %d empty ReceiveMessage calls;"
              + " Lambda's SQS pollers long-poll (20 s) whether or not messages come.%n",
          emptyReceives(inbound) + emptyReceives(outbound));
      if (!problems.isEmpty()) {
        System.out.println("First warnings/errors logged by the gateway:");
        problems.forEach(line -> System.out.println("  " + line));
      }
    } catch (IllegalStateException e) {
      // The run cannot finish: what the gateway logged says why.
      synchronized (problems) {
        problems.forEach(line -> System.err.println("  " + line));
      }
      throw e;
    } finally {
      AwsMeter.stop();
      gateway.close();
      IngestBench.deleteQuietly(dataDir);
    }
  }

  private static long emptyReceives(Measured measured) {
    return measured.aws().values().stream()
        .filter(c -> c.operation().endsWith("(empty)"))
        .mapToLong(AwsMeter.Count::calls)
        .sum();
  }

  /** What one phase made: AWS requests, invocations, function log bytes. */
  record Measured(
      Map<String, AwsMeter.Count> aws,
      Map<String, AwsMeter.Detail> details,
      Map<String, Invocations.Count> invocations,
      long logBytes,
      double seconds) {}

  /**
   * {@code n} customers: for "inbound" and "warmup" each writes one message; for "outbound" each is
   * answered with one send, and the phase lasts until its three status webhooks came back.
   */
  private Measured phase(
      LocalGateway gateway, SandboxGraphApi graph, String name, int n, int customerBase)
      throws Exception {
    var awsBefore = AwsMeter.snapshot();
    var detailsBefore = AwsMeter.details();
    var invocationsBefore = Invocations.snapshot();
    long logBefore = functionLogBytes.sum();
    long acceptedBefore = graph.accepted().size();
    long start = System.nanoTime();
    URI webhook = gateway.baseUri().resolve("/webhooks/whatsapp");
    URI messages = gateway.baseUri().resolve("/v1/messages");
    boolean warmup = name.equals("warmup");
    int base = warmup ? 0 : customerBase;
    long second = System.currentTimeMillis() / 1000;
    AtomicLong refused = new AtomicLong();
    IntFunction<HttpRequest> inboundRequest =
        i ->
            Webhooks.signedPost(
                webhook,
                Webhooks.single(customer(base + i), wamid(name, i), second, "Customer " + i),
                Secret.of(APP_SECRET),
                Duration.ofSeconds(30));
    IntFunction<HttpRequest> sendRequest =
        i ->
            HttpRequest.newBuilder(messages)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\""
                            + customer(base + i)
                            + "\",\"business_number_id\":\""
                            + Webhooks.PHONE_NUMBER_ID
                            + "\",\"type\":\"text\",\"text\":{\"body\":\"Thanks, your order"
                            + " 88213 is on its way and arrives on Thursday.\"}}"))
                .build();
    if (warmup || name.equals("inbound")) {
      drive(n, inboundRequest, 200, refused);
    }
    if (warmup || name.equals("outbound")) {
      drive(n, sendRequest, 202, refused);
      awaitStatuses(gateway, n, invocationsBefore);
    }
    // Nothing more should come: let stragglers (retries, deletes) land.
    awaitQuiet();
    double seconds = (System.nanoTime() - start) / 1e9;
    var aws = AwsMeter.between(awsBefore, AwsMeter.snapshot());
    var details = AwsMeter.detailsBetween(detailsBefore, AwsMeter.details());
    var invocations = Invocations.between(invocationsBefore, Invocations.snapshot());
    long logBytes = functionLogBytes.sum() - logBefore;
    long accepted = graph.accepted().size() - acceptedBefore;
    bench(
        "part=%s n=%d seconds=%.1f refused=%d graph_accepted=%d log_bytes=%d",
        name, n, seconds, refused.get(), accepted, logBytes);
    if (refused.get() > 0) {
      throw new IllegalStateException(name + ": " + refused.get() + " requests refused");
    }
    return new Measured(aws, details, invocations, logBytes, seconds);
  }

  /** Sends {@code n} requests from {@link #CLIENT_THREADS} threads; counts other answers. */
  private void drive(int n, IntFunction<HttpRequest> request, int expected, AtomicLong refused)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CLIENT_THREADS; t++) {
        int thread = t;
        done.add(
            clients.submit(
                () -> {
                  for (int i = thread; i < n; i += CLIENT_THREADS) {
                    HttpResponse<String> response =
                        http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != expected) {
                      if (refused.incrementAndGet() <= 3) {
                        System.err.println(
                            "frontdoor: answer " + response.statusCode() + ": " + response.body());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** Until the webhook function took three status webhooks per send, or the timeout. */
  private static void awaitStatuses(
      LocalGateway gateway, int n, Map<String, Invocations.Count> before) throws Exception {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Invocations.Count webhook =
          Invocations.between(before, Invocations.snapshot()).get("WhatsAppWebhookFunction");
      if (webhook != null && webhook.invocations() >= 3L * n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the status webhooks of " + n + " sends never all came back");
  }

  /** Until no function was invoked for a second. */
  private static void awaitQuiet() throws InterruptedException {
    long last = total(Invocations.snapshot());
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < 1_000_000_000L) {
      Thread.sleep(100);
      long now = total(Invocations.snapshot());
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      }
    }
  }

  private static long total(Map<String, Invocations.Count> counts) {
    return counts.values().stream().mapToLong(Invocations.Count::invocations).sum();
  }

  private void report(
      String title,
      String part,
      Measured measured,
      CostModel.Usage usage,
      CostPrices prices,
      double target) {
    double n = usage.units();
    System.out.printf(Locale.ROOT, "%n%s (%.1f s)%n", title, measured.seconds());
    System.out.printf(
        Locale.ROOT,
        "  %-42s %9s %9s %9s %9s %9s%n",
        "requests",
        "calls",
        "per unit",
        "WRU/unit",
        "RRU/unit",
        "ms/call");
    for (AwsMeter.Count count : measured.aws().values()) {
      String label = count.service() + " " + count.operation();
      if (count.failed() > 0) {
        label += " (" + count.failed() + " failed)";
      }
      System.out.printf(
          Locale.ROOT,
          "  %-42s %9d %9.3f %9.3f %9.3f %9.2f%n",
          label,
          count.calls(),
          count.calls() / n,
          count.writeUnits() / n,
          count.readUnits() / n,
          count.nanos() / 1e6 / count.calls());
      bench(
          "part=%s.aws service=%s operation=%s calls=%d failed=%d wru=%.1f rru=%.1f billed=%d",
          part,
          count.service(),
          count.operation(),
          count.calls(),
          count.failed(),
          count.writeUnits(),
          count.readUnits(),
          count.billedRequests());
    }
    System.out.printf(
        Locale.ROOT,
        "  DynamoDB by function and item (pk prefix, sk words; ids and times left out):%n");
    for (AwsMeter.Detail detail : measured.details().values()) {
      String label = detail.function() + " " + detail.operation() + " " + detail.itemType();
      if (detail.failed() > 0) {
        label += " (" + detail.failed() + " failed)";
      }
      System.out.printf(
          Locale.ROOT,
          "    %-70s %7.3f/unit %6.3f WRU %6.3f RRU %7.1f ms/call%n",
          label,
          detail.calls() / n,
          detail.writeUnits() / n,
          detail.readUnits() / n,
          detail.nanos() / 1e6 / detail.calls());
      bench(
          "part=%s.dynamodb function=%s operation=%s item=%s calls=%d failed=%d wru=%.1f"
              + " rru=%.1f ms_total=%.1f",
          part,
          detail.function(),
          detail.operation(),
          detail.itemType().replace(' ', '_'),
          detail.calls(),
          detail.failed(),
          detail.writeUnits(),
          detail.readUnits(),
          detail.nanos() / 1e6);
    }
    // What each function's billed time spent in DynamoDB calls (sync clients: the handler waits).
    Map<String, Double> dynamoMillis = new TreeMap<>();
    measured
        .details()
        .values()
        .forEach(d -> dynamoMillis.merge(d.function(), d.nanos() / 1e6, Double::sum));
    for (Invocations.Count count : measured.invocations().values()) {
      System.out.printf(
          Locale.ROOT,
          "  %-42s %9d %9.3f   %.2f ms/invocation (billed %.2f ms), %d MB;"
              + " %.1f ms per unit billed, of which DynamoDB calls %.1f ms%n",
          "Lambda " + count.functionId(),
          count.invocations(),
          count.invocations() / n,
          count.nanos() / 1e6 / count.invocations(),
          (double) count.billedMillis() / count.invocations(),
          count.memoryMb(),
          count.billedMillis() / n,
          dynamoMillis.getOrDefault(count.functionId(), 0.0) / n);
      bench(
          "part=%s.lambda function=%s invocations=%d ms_total=%.1f billed_ms=%d memory_mb=%d",
          part,
          count.functionId(),
          count.invocations(),
          count.nanos() / 1e6,
          count.billedMillis(),
          count.memoryMb());
    }
    System.out.printf(
        Locale.ROOT,
        "  log bytes per unit: %.0f written by the functions + %.0f Lambda's START/END/REPORT%n",
        measured.logBytes() / n,
        (usage.logBytes() - measured.logBytes()) / n);
    for (CostModel.Routes routes : CostModel.Routes.values()) {
      if (routes == CostModel.Routes.ALL_ON_URLS && usage.apiRequests() == 0) {
        continue;
      }
      CostModel.Bill bill = CostModel.price(usage, prices, routes);
      System.out.printf(Locale.ROOT, "  cost per million, %s:%n", routes.description);
      for (CostModel.Line line : bill.lines()) {
        System.out.printf(
            Locale.ROOT,
            "    %-32s %12.4f %-11s $%8.4f  %4.1f%%%n",
            line.item(),
            line.perUnit(),
            line.unit() + "/unit",
            line.dollarsPerMillion(),
            100 * line.dollarsPerMillion() / bill.dollarsPerMillion());
      }
      System.out.printf(
          Locale.ROOT,
          "    %-57s $%8.4f  (target <= $%.2f: %s; largest: %s)%n",
          "total per million",
          bill.dollarsPerMillion(),
          target,
          bill.dollarsPerMillion() <= target ? "met" : "NOT met",
          bill.dominant().item());
      bench(
          "part=%s.cost routes=%s dollars_per_million=%.4f target=%.2f within_target=%s"
              + " dominant=%s",
          part,
          routes.name().toLowerCase(Locale.ROOT),
          bill.dollarsPerMillion(),
          target,
          bill.dollarsPerMillion() <= target,
          bill.dominant().item().replace(' ', '_'));
    }
  }

  private void countLine(String line) {
    int at = line.indexOf("\"logger\":\"");
    if (at >= 0) {
      int from = at + 10;
      int to = line.indexOf('"', from);
      if (to > from && LOCAL_LOGGERS.contains(line.substring(from, to))) {
        return;
      }
    }
    functionLogBytes.add(line.getBytes(StandardCharsets.UTF_8).length + 1L);
    if (line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")) {
      synchronized (problems) {
        if (problems.size() < 10) {
          problems.add(line);
        }
      }
    }
  }

  private static String customer(int i) {
    return String.format(Locale.ROOT, "2772%07d", i);
  }

  private static String wamid(String phase, int i) {
    return "wamid.cost." + phase + "." + i;
  }

  private Map<String, String> settings(Path dataDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put(EnvVar.GATEWAY_PORT, "0");
    settings.put(EnvVar.GATEWAY_DATA_DIR, dataDir.toString());
    settings.put(EnvVar.META_APP_SECRETS, APP_SECRET);
    settings.put(EnvVar.META_VERIFY_TOKEN, "bench-verify-token");
    settings.put(EnvVar.API_TOKENS, API_TOKEN);
    settings.put(EnvVar.CUSTOMER_REF_KEY, IngestBench.REF_KEY);
    settings.put(EnvVar.META_PHONE_NUMBER_ID, Webhooks.PHONE_NUMBER_ID);
    if (throughputMps != null) {
      settings.put(EnvVar.WA_THROUGHPUT_MPS, throughputMps);
    }
    return settings;
  }

  private static void bench(String format, Object... args) {
    System.out.println("BENCH " + String.format(Locale.ROOT, format, args));
  }
}
