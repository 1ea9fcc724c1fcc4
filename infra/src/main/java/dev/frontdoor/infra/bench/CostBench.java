package dev.frontdoor.infra.bench;

import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Secret;
import dev.frontdoor.infra.local.Invocations;
import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.local.StreamPublishing;
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
 *
 * <p>Each path is priced in steps, each on top of the one before ({@link #scenarios}): (a) as
 * measured, every route on the HTTP API and DynamoDB on-demand; (b) the webhooks and the /v1 API on
 * Lambda function URLs; (c) Lambda duration with every wait on a local engine replaced by the real
 * service's latency ({@link #MODELLED_LATENCY}); (d) DynamoDB on provisioned capacity at {@link
 * #TARGET_UTILISATION}. The output states each assumption.
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

  /**
   * What a call is modelled to take on the real service in-region, for the modelled Lambda
   * duration. DynamoDB: single-digit milliseconds on average for single-item operations (service
   * side, without the network: https://repost.aws/knowledge-center/dynamodb-high-latency and the
   * Developer Guide's "Troubleshooting latency issues in Amazon DynamoDB",
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TroubleshootingLatency.html ,
   * read 2026-11-30); 5 ms leaves room for the hop from Lambda. SQS: 10 ms, an assumption (no AWS
   * page states a figure).
   */
  static final Map<String, Duration> MODELLED_LATENCY =
      Map.of("DynamoDb", Duration.ofMillis(5), "Sqs", Duration.ofMillis(10));

  /**
   * The stream publisher in AWS: the template's batch size for the table's stream, and what one
   * {@code PutEvents} call of up to 10 entries is taken to take (an assumption: no AWS figure was
   * found; locally the events go to the runtime's own list, not to EventBridge).
   */
  static final int STREAM_BATCH_SIZE = 100;

  static final int PUT_EVENTS_ENTRIES = 10;
  static final Duration MODELLED_PUT_EVENTS = Duration.ofMillis(20);
  static final String STREAM_PUBLISHER = "StreamPublisherFunction";

  /** Auto scaling's target utilisation for provisioned capacity (the template's default). */
  static final double TARGET_UTILISATION = 0.70;

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

  /** The stream publisher's memory size, from the template (set when the run starts). */
  private int publisherMemoryMb = 128;

  private final LongAdder functionLogBytes = new LongAdder();

  /**
   * The stream publisher's own lines, kept apart: locally it runs once per batch the local stream
   * hands over (what was queued, often a single record), in AWS once per batch of up to the
   * template's batch size, and writes one line a run.
   */
  private final LongAdder publisherLogBytes = new LongAdder();

  private final LongAdder publisherLogLines = new LongAdder();

  private static final String PUBLISHER_LOGGER = "StoredChangePublishing";
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
    publisherMemoryMb =
        LocalGateway.functionProperty(template, STREAM_PUBLISHER, "MemorySize", 128);
    LocalGateway gateway = LocalGateway.start(root.resolve("template.yaml"), settings(dataDir));
    try {
      SandboxGraphApi graph = gateway.sandbox().orElseThrow();
      long started = System.nanoTime();
      // Warm-up, not counted: first calls load classes and open connections.
      phase(gateway, graph, "warmup", WARMUP, 0);
      AwsMeter.modelLatency(MODELLED_LATENCY);
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
              inbound.logBytes(),
              inbound.stream().events());
      CostModel.Usage out =
          CostModel.Usage.of(
              n,
              outbound.aws(),
              outbound.invocations(),
              webhookFunctions,
              apiFunctions,
              outbound.logBytes(),
              outbound.stream().events());
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
      printAssumptions(prices);
      List<Scenario> inboundBills =
          report(
              "INBOUND: " + n + " signed webhooks, one text message each",
              "inbound",
              inbound,
              in,
              prices,
              INBOUND_TARGET);
      List<Scenario> outboundBills =
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
      summary(inboundBills, outboundBills);
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

  /** How (c) and (d) are modelled: said once, before the figures. */
  private static void printAssumptions(CostPrices prices) {
    System.out.printf(
        Locale.ROOT,
        "Modelled latency, (c) and (d): each DynamoDB call taken as %d ms and each SQS call as %d ms"
            + " (the real services in-region; DynamoDB's single-item calls average single-digit"
            + " milliseconds, CostBench.MODELLED_LATENCY cites it; SQS is an assumption).%n"
            + "  A handler thread's calls run one after another, so its measured wait is exactly"
            + " the wall time it was blocked; that wait is replaced by the modelled one per"
            + " invocation.%n"
            + "  The sender's group lanes run a batch's records side by side: their saving is"
            + " divided by the lanes per invocation (records per batch), taking the longest lane's"
            + " saving to be the average lane's.%n"
            + "  The sandbox Graph API answers locally: a real Graph API call takes longer and"
            + " is billed to the sender; not modelled.%n",
        MODELLED_LATENCY.get("DynamoDb").toMillis(),
        MODELLED_LATENCY.get("Sqs").toMillis());
    System.out.printf(
        Locale.ROOT,
        "Provisioned capacity, (d): $%.5f per WCU-hour and $%.5f per RCU-hour held at %.0f%%"
            + " utilisation (auto scaling's target): a WCU-hour carries %.0f one-KB writes, $%.4f"
            + " per million WRU (on-demand $%.3f); an RCU-hour %.0f strongly consistent reads,"
            + " $%.4f per million RRU (on-demand $%.3f).%n"
            + "  The units are counted the same in both modes: a failed conditional write consumes"
            + " its write unit, a GSI write its index's (the table has none).%n"
            + "  Provisioned capacity is paid by the hour, used or not, and must be sized for the"
            + " peak, not the average: auto scaling follows load within minutes (and scales down"
            + " only a few times a day), so this price holds for steady traffic at the target;"
            + " above it, requests are throttled until capacity grows; the minimum capacity is"
            + " paid even when idle.%n",
        prices.dynamoDbWriteCapacityUnitHour(),
        prices.dynamoDbReadCapacityUnitHour(),
        100 * TARGET_UTILISATION,
        TARGET_UTILISATION * 3600,
        prices.provisionedWritePerMillionUnits(TARGET_UTILISATION),
        prices.dynamoDbWritePerMillionUnits(),
        TARGET_UTILISATION * 3600,
        prices.provisionedReadPerMillionUnits(TARGET_UTILISATION),
        prices.dynamoDbReadPerMillionUnits());
  }

  /** Both paths' totals side by side, step by step. */
  private static void summary(List<Scenario> inbound, List<Scenario> outbound) {
    System.out.printf(Locale.ROOT, "%nSUMMARY, dollars per million:%n");
    System.out.printf(Locale.ROOT, "  %-76s %10s %10s%n", "", "inbound", "outbound");
    for (Scenario step : outbound) {
      String inboundTotal =
          inbound.stream()
              .filter(s -> s.key().equals(step.key()))
              .findFirst()
              .map(s -> String.format(Locale.ROOT, "$%.2f", s.dollarsPerMillion()))
              .orElse("");
      System.out.printf(
          Locale.ROOT,
          "  %-76s %10s %10s%n",
          step.description(),
          inboundTotal,
          String.format(Locale.ROOT, "$%.2f", step.dollarsPerMillion()));
    }
    System.out.printf(
        Locale.ROOT,
        "  %-76s %10s %10s%n",
        "target",
        String.format(Locale.ROOT, "$%.2f", INBOUND_TARGET),
        String.format(Locale.ROOT, "$%.2f", OUTBOUND_TARGET));
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
      Map<String, AwsMeter.LaneWait> lanes,
      double emptyQueryMinimumUnits,
      long logBytes,
      double seconds,
      StreamPublishing.Totals stream,
      long publisherLogBytes) {}

  /**
   * {@code n} customers: for "inbound" and "warmup" each writes one message; for "outbound" each is
   * answered with one send, and the phase lasts until its three status webhooks came back.
   */
  private Measured phase(
      LocalGateway gateway, SandboxGraphApi graph, String name, int n, int customerBase)
      throws Exception {
    var awsBefore = AwsMeter.snapshot();
    var detailsBefore = AwsMeter.details();
    var lanesBefore = AwsMeter.laneWaits();
    double emptyQueryBefore = AwsMeter.emptyQueryMinimumUnits();
    var invocationsBefore = Invocations.snapshot();
    var streamBefore = gateway.streamPublishing();
    long logBefore = functionLogBytes.sum();
    long publisherBytesBefore = publisherLogBytes.sum();
    long publisherLinesBefore = publisherLogLines.sum();
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
    var invocations = new TreeMap<>(Invocations.between(invocationsBefore, Invocations.snapshot()));
    StreamPublishing.Totals stream = gateway.streamPublishing().minus(streamBefore);
    if (stream.records() > 0) {
      invocations.put(STREAM_PUBLISHER, streamPublisher(stream, publisherMemoryMb));
    }
    var lanes = AwsMeter.laneWaitsBetween(lanesBefore, AwsMeter.laneWaits());
    double emptyQueryMinimum = AwsMeter.emptyQueryMinimumUnits() - emptyQueryBefore;
    // The publisher's lines as AWS would write them: one per invocation (a batch), not per record.
    long publisherLines = publisherLogLines.sum() - publisherLinesBefore;
    long publisherBytes = publisherLogBytes.sum() - publisherBytesBefore;
    Invocations.Count publisher = invocations.get(STREAM_PUBLISHER);
    long publisherLog =
        publisher == null || publisherLines == 0
            ? 0
            : Math.round((double) publisherBytes / publisherLines * publisher.invocations());
    long logBytes = functionLogBytes.sum() - logBefore + publisherLog;
    long accepted = graph.accepted().size() - acceptedBefore;
    bench(
        "part=%s n=%d seconds=%.1f refused=%d graph_accepted=%d log_bytes=%d",
        name, n, seconds, refused.get(), accepted, logBytes);
    if (refused.get() > 0) {
      throw new IllegalStateException(name + ": " + refused.get() + " requests refused");
    }
    return new Measured(
        aws,
        details,
        invocations,
        lanes,
        emptyQueryMinimum,
        logBytes,
        seconds,
        stream,
        publisherLog);
  }

  /**
   * The stream publisher function as it would run in AWS for these records: one invocation per
   * {@link #STREAM_BATCH_SIZE} records (the fewest; under the 1 s batching window a slow trickle
   * gives smaller batches, and the event source's filter only lowers the count), each event in a
   * {@code PutEvents} call of up to {@link #PUT_EVENTS_ENTRIES} at {@link #MODELLED_PUT_EVENTS},
   * plus the mapping time measured here. Its own AWS calls are modelled, so measured and modelled
   * billing are the same.
   */
  static Invocations.Count streamPublisher(StreamPublishing.Totals stream, int memoryMb) {
    long invocations = Math.max(1, (stream.records() + STREAM_BATCH_SIZE - 1) / STREAM_BATCH_SIZE);
    long putEventsCalls = (stream.events() + PUT_EVENTS_ENTRIES - 1) / PUT_EVENTS_ENTRIES;
    long nanos = stream.nanos() + putEventsCalls * MODELLED_PUT_EVENTS.toNanos();
    long billed = Math.max(invocations, (nanos + 999_999) / 1_000_000 + invocations);
    return new Invocations.Count(STREAM_PUBLISHER, invocations, nanos, billed, memoryMb);
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

  private List<Scenario> report(
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
    double modelledGbSeconds = 0;
    for (Invocations.Count count : measured.invocations().values()) {
      AwsMeter.LaneWait lane = measured.lanes().get(count.functionId());
      // Each send is to its own customer, so each record of a batch is its own group and lane.
      double lanesPerInvocation = lane == null ? 1 : CostModel.lanesPerInvocation((long) n, count);
      double modelledMillis = CostModel.modelledBilledMillis(count, lane, lanesPerInvocation);
      modelledGbSeconds += CostModel.gbSeconds(modelledMillis, count.memoryMb());
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
      System.out.printf(
          Locale.ROOT,
          "  %-42s handler thread blocked on AWS calls %.2f ms/invocation%s;"
              + " modelled billed %.2f ms/invocation%n",
          "",
          count.storeNanos() / 1e6 / count.invocations(),
          lane == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; %d batches of one record on that thread, the other batches %.2f lanes each,"
                      + " lanes %.2f ms/invocation on %.1f calls (modelled %.2f ms)",
                  count.withStoreCalls(),
                  lanesPerInvocation,
                  lane.nanos() / 1e6 / count.invocations(),
                  (double) lane.calls() / count.invocations(),
                  lane.modelledNanos() / 1e6 / count.invocations()),
          modelledMillis / count.invocations());
      bench(
          "part=%s.lambda function=%s invocations=%d ms_total=%.1f billed_ms=%d memory_mb=%d"
              + " handler_store_ms=%.1f lane_store_ms=%.1f lane_modelled_ms=%.1f"
              + " lanes_per_invocation=%.2f modelled_billed_ms=%.1f",
          part,
          count.functionId(),
          count.invocations(),
          count.nanos() / 1e6,
          count.billedMillis(),
          count.memoryMb(),
          count.storeNanos() / 1e6,
          lane == null ? 0.0 : lane.nanos() / 1e6,
          lane == null ? 0.0 : lane.modelledNanos() / 1e6,
          lanesPerInvocation,
          modelledMillis);
    }
    if (measured.emptyQueryMinimumUnits() > 0) {
      System.out.printf(
          Locale.ROOT,
          "  empty Queries counted at DynamoDB's minimum (dynalite reports 0): +%.3f RRU/unit%n",
          measured.emptyQueryMinimumUnits() / n);
    }
    System.out.printf(
        Locale.ROOT,
        "  log bytes per unit: %.0f written by the functions + %.0f Lambda's START/END/REPORT%n",
        measured.logBytes() / n,
        (usage.logBytes() - measured.logBytes()) / n);
    StreamPublishing.Totals stream = measured.stream();
    System.out.printf(
        Locale.ROOT,
        "  integration events per unit: %.3f stream records -> %.3f events on the EventBridge"
            + " bus (%s modelled: a batch of %d records an invocation, PutEvents of %d at %d ms,"
            + " %.3f ms of mapping a record measured here)%n",
        stream.records() / n,
        stream.events() / n,
        STREAM_PUBLISHER,
        STREAM_BATCH_SIZE,
        PUT_EVENTS_ENTRIES,
        MODELLED_PUT_EVENTS.toMillis(),
        stream.records() == 0 ? 0 : stream.nanos() / 1e6 / stream.records());
    bench(
        "part=%s.events stream_records=%d events=%d mapping_ms_total=%.1f",
        part, stream.records(), stream.events(), stream.nanos() / 1e6);
    CostModel.Usage modelled = usage.withLambdaGbSeconds(modelledGbSeconds);
    List<Scenario> scenarios = new ArrayList<>();
    for (Scenario scenario : scenarios(usage.apiRequests() > 0)) {
      CostModel.Usage base = scenario.modelledLatency() ? modelled : usage;
      if (!scenario.integrationEvents()) {
        base =
            base.withoutIntegrationEvents(
                measured.invocations().get(STREAM_PUBLISHER), measured.publisherLogBytes());
      }
      CostModel.Bill bill = CostModel.price(base, prices, scenario.routes(), scenario.capacity());
      scenarios.add(scenario.priced(bill.dollarsPerMillion()));
      System.out.printf(Locale.ROOT, "  cost per million, %s:%n", scenario.description());
      for (CostModel.Line line : bill.lines()) {
        System.out.printf(
            Locale.ROOT,
            "    %-36s %12.4f %-11s $%8.4f  %4.1f%%%n",
            line.item(),
            line.perUnit(),
            line.unit() + "/unit",
            line.dollarsPerMillion(),
            100 * line.dollarsPerMillion() / bill.dollarsPerMillion());
      }
      System.out.printf(
          Locale.ROOT,
          "    %-61s $%8.4f  (target <= $%.2f: %s; largest: %s)%n",
          "total per million",
          bill.dollarsPerMillion(),
          target,
          bill.dollarsPerMillion() <= target ? "met" : "NOT met",
          bill.dominant().item());
      bench(
          "part=%s.cost scenario=%s routes=%s capacity=%s latency=%s dollars_per_million=%.4f"
              + " target=%.2f within_target=%s dominant=%s",
          part,
          scenario.key(),
          scenario.routes().name().toLowerCase(Locale.ROOT),
          scenario.capacity().provisioned() ? "provisioned" : "on_demand",
          scenario.modelledLatency() ? "modelled" : "measured",
          bill.dollarsPerMillion(),
          target,
          bill.dollarsPerMillion() <= target,
          bill.dominant().item().replace(' ', '_'));
    }
    return scenarios;
  }

  /**
   * One way of deploying what was measured: routes on the HTTP API or on function URLs, DynamoDB
   * on-demand or provisioned, Lambda duration as measured or with the real services' latency.
   */
  record Scenario(
      String key,
      String description,
      CostModel.Routes routes,
      CostModel.Capacity capacity,
      boolean modelledLatency,
      boolean integrationEvents,
      double dollarsPerMillion) {
    /** A step before pricing. */
    static Scenario unpriced(
        String key,
        String description,
        CostModel.Routes routes,
        CostModel.Capacity capacity,
        boolean modelledLatency,
        boolean integrationEvents) {
      return new Scenario(
          key, description, routes, capacity, modelledLatency, integrationEvents, 0);
    }

    Scenario priced(double dollars) {
      return new Scenario(
          key, description, routes, capacity, modelledLatency, integrationEvents, dollars);
    }
  }

  /** The steps from "as deployed" to every saving applied, each on top of the one before. */
  static List<Scenario> scenarios(boolean hasApi) {
    CostModel.Capacity onDemand = CostModel.Capacity.ON_DEMAND;
    CostModel.Capacity provisioned = CostModel.Capacity.provisionedAt(TARGET_UTILISATION);
    // Read as the Scenario's modelledLatency and integrationEvents.
    boolean measuredLatency = false;
    boolean modelledLatency = true;
    boolean eventsOn = true;
    boolean eventsOff = false;
    List<Scenario> scenarios = new ArrayList<>();
    scenarios.add(
        Scenario.unpriced(
            "a",
            "(a) as measured: every route on the HTTP API, DynamoDB on-demand",
            CostModel.Routes.HTTP_API,
            onDemand,
            measuredLatency,
            eventsOn));
    if (hasApi) {
      scenarios.add(
          Scenario.unpriced(
              "a2",
              "(a2) webhook routes on Lambda function URLs, the /v1 API on the HTTP API",
              CostModel.Routes.WEBHOOKS_ON_URLS,
              onDemand,
              measuredLatency,
              eventsOn));
    }
    scenarios.add(
        Scenario.unpriced(
            "b",
            hasApi
                ? "(b) webhooks and the /v1 API on function URLs (no API Gateway fee)"
                : "(b) webhook routes on Lambda function URLs (no API Gateway fee)",
            CostModel.Routes.ALL_ON_URLS,
            onDemand,
            measuredLatency,
            eventsOn));
    scenarios.add(
        Scenario.unpriced(
            "c",
            "(c) = (b) with each AWS call at the real service's modelled latency",
            CostModel.Routes.ALL_ON_URLS,
            onDemand,
            modelledLatency,
            eventsOn));
    scenarios.add(
        Scenario.unpriced(
            "d",
            String.format(
                Locale.ROOT,
                "(d) = (c) with DynamoDB provisioned capacity at %.0f%% utilisation",
                100 * TARGET_UTILISATION),
            CostModel.Routes.ALL_ON_URLS,
            provisioned,
            modelledLatency,
            eventsOn));
    scenarios.add(
        Scenario.unpriced(
            "e",
            "(e) = (d) with integration events off (IntegrationEvents=off: no bus, no publisher)",
            CostModel.Routes.ALL_ON_URLS,
            provisioned,
            modelledLatency,
            eventsOff));
    return scenarios;
  }

  private void countLine(String line) {
    int at = line.indexOf("\"logger\":\"");
    if (at >= 0) {
      int from = at + 10;
      int to = line.indexOf('"', from);
      String logger = to > from ? line.substring(from, to) : "";
      if (LOCAL_LOGGERS.contains(logger)) {
        return;
      }
      if (logger.equals(PUBLISHER_LOGGER)) {
        publisherLogBytes.add(line.getBytes(StandardCharsets.UTF_8).length + 1L);
        publisherLogLines.increment();
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
