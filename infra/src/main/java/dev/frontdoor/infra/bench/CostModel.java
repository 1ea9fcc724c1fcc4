package dev.frontdoor.infra.bench;

import dev.frontdoor.infra.local.Invocations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prices times counts: what one path costs per million of its units ({@link CostBench}). */
final class CostModel {
  /** CloudWatch Logs bills per GB; taken as 2^30 bytes. */
  static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

  /**
   * What Lambda itself writes per invocation in the Text log format (the template's default): the
   * START, END and REPORT lines of a warm invocation, measured on these sample lines.
   */
  static final int LAMBDA_PLATFORM_LOG_BYTES =
      ("START RequestId: 6f1e9c2b-2c1d-4f7e-9a55-1b2c3d4e5f60 Version: $LATEST\n"
              + "END RequestId: 6f1e9c2b-2c1d-4f7e-9a55-1b2c3d4e5f60\n"
              + "REPORT RequestId: 6f1e9c2b-2c1d-4f7e-9a55-1b2c3d4e5f60\tDuration: 12.34 ms\t"
              + "Billed Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 187 MB\t\n")
          .length();

  private CostModel() {}

  /**
   * What a path used for {@code units} of it (webhooks, or sends with their statuses).
   *
   * @param webhookRequests HTTP requests on webhook routes (function URLs could take them)
   * @param apiRequests HTTP requests on the /v1 API routes
   * @param lambdaGbSeconds billed duration (rounded up to the ms per invocation) x memory
   * @param sqsRequests billed SQS requests (64 KB chunks), empty receives left out
   * @param logBytes what the functions wrote, plus Lambda's own lines per invocation
   * @param integrationEvents events put on the EventBridge bus (each well under 64 KB: one billed
   *     event each)
   */
  record Usage(
      long units,
      long webhookRequests,
      long apiRequests,
      long lambdaInvocations,
      double lambdaGbSeconds,
      double writeUnits,
      double readUnits,
      long sqsRequests,
      long logBytes,
      long integrationEvents) {

    /** From the meters' counts; {@code webhookFunctions} serve webhook routes. */
    static Usage of(
        long units,
        Map<String, AwsMeter.Count> aws,
        Map<String, Invocations.Count> invocations,
        Set<String> webhookFunctions,
        Set<String> apiFunctions,
        long functionLogBytes,
        long integrationEvents) {
      long webhooks = 0;
      long api = 0;
      long calls = 0;
      double gbSeconds = 0;
      for (Invocations.Count count : invocations.values()) {
        calls += count.invocations();
        gbSeconds += count.billedMillis() / 1000.0 * count.memoryMb() / 1024.0;
        if (webhookFunctions.contains(count.functionId())) {
          webhooks += count.invocations();
        } else if (apiFunctions.contains(count.functionId())) {
          api += count.invocations();
        }
      }
      double wru = 0;
      double rru = 0;
      long sqs = 0;
      for (AwsMeter.Count count : aws.values()) {
        wru += count.writeUnits();
        rru += count.readUnits();
        if (count.service().equals("Sqs") && !count.operation().endsWith("(empty)")) {
          sqs += count.billedRequests();
        }
      }
      return new Usage(
          units,
          webhooks,
          api,
          calls,
          gbSeconds,
          wru,
          rru,
          sqs,
          functionLogBytes + calls * LAMBDA_PLATFORM_LOG_BYTES,
          integrationEvents);
    }

    /**
     * The same usage without integration events: no EventBridge events, and none of the stream
     * publisher's invocations, duration or log lines ({@code publisher} may be null: none ran).
     */
    Usage withoutIntegrationEvents(Invocations.Count publisher, long publisherLogBytes) {
      long invocations = publisher == null ? 0 : publisher.invocations();
      double gbSeconds =
          publisher == null ? 0 : gbSeconds(publisher.modelledBilledMillis(), publisher.memoryMb());
      return new Usage(
          units,
          webhookRequests,
          apiRequests,
          lambdaInvocations - invocations,
          lambdaGbSeconds - gbSeconds,
          writeUnits,
          readUnits,
          sqsRequests,
          logBytes - publisherLogBytes - invocations * LAMBDA_PLATFORM_LOG_BYTES,
          0);
    }

    /** The same usage with another Lambda duration (the modelled one). */
    Usage withLambdaGbSeconds(double gbSeconds) {
      return new Usage(
          units,
          webhookRequests,
          apiRequests,
          lambdaInvocations,
          gbSeconds,
          writeUnits,
          readUnits,
          sqsRequests,
          logBytes,
          integrationEvents);
    }
  }

  /**
   * A function's billed milliseconds with every wait on a local engine replaced by the real
   * service's modelled latency.
   *
   * <p>The handler's own thread: {@code count.modelledBilledMillis()} (exact, its calls run one
   * after another). The sender's group lanes run up to 10 records of a batch side by side, so an
   * invocation waits about as long as one lane: the lanes' saving ({@code lane.nanos() -
   * lane.modelledNanos()}, summed over lane threads) is divided by the lanes per invocation. That
   * takes the longest lane's saving to be the average lane's (an approximation; lanes of a batch do
   * the same steps). Never below Lambda's 1 ms per invocation.
   *
   * @param lane the function's calls off invocation threads, or null if none
   * @param lanesPerInvocation records (one group each) per invocation, at least 1
   */
  static double modelledBilledMillis(
      Invocations.Count count, AwsMeter.LaneWait lane, double lanesPerInvocation) {
    double millis = count.modelledBilledMillis();
    if (lane != null) {
      double savedMillis = (lane.nanos() - lane.modelledNanos()) / 1e6;
      millis -= savedMillis / Math.max(1, lanesPerInvocation);
    }
    return Math.max(millis, count.invocations());
  }

  /**
   * Records per lane-using invocation of the sender: a batch of one group runs on the handler's own
   * thread (the invocations whose thread made AWS calls, one record each when every record is its
   * own customer, as in the bench); the others run each record on its own lane.
   *
   * @param records records the function delivered
   * @param count its invocations, with those that made calls on their own thread
   */
  static double lanesPerInvocation(long records, Invocations.Count count) {
    long inline = count.withStoreCalls();
    long laneInvocations = count.invocations() - inline;
    if (laneInvocations <= 0) {
      return 1;
    }
    return Math.max(1, (double) (records - inline) / laneInvocations);
  }

  /** GB-seconds of billed milliseconds at a function's memory size. */
  static double gbSeconds(double billedMillis, int memoryMb) {
    return billedMillis / 1000.0 * memoryMb / 1024.0;
  }

  /**
   * How DynamoDB reads and writes are billed: on-demand per request unit, or provisioned capacity
   * per unit-hour held at {@code utilisation} of what is used (auto scaling's target).
   */
  record Capacity(boolean provisioned, double utilisation) {
    static final Capacity ON_DEMAND = new Capacity(false, 1);

    static Capacity provisionedAt(double utilisation) {
      return new Capacity(true, utilisation);
    }

    String describe() {
      return provisioned
          ? String.format(
              java.util.Locale.ROOT, "provisioned at %.0f%% utilisation", 100 * utilisation)
          : "on-demand";
    }
  }

  /** One priced line: what it is, its quantity per unit, and dollars per million units. */
  record Line(String item, double perUnit, String unit, double dollarsPerMillion) {}

  /** Every line of a path's cost, largest first, and their sum. */
  record Bill(List<Line> lines, double dollarsPerMillion) {
    Line dominant() {
      return lines.get(0);
    }
  }

  /** Which routes reach their function through the HTTP API (and pay its per-request fee). */
  enum Routes {
    /** Every route through the HTTP API (output ApiUrl). */
    HTTP_API("every route on the HTTP API (output ApiUrl)"),
    /** Webhook routes on their Lambda function URLs, the /v1 API on the HTTP API. */
    WEBHOOKS_ON_URLS(
        "webhook routes on Lambda function URLs (outputs WhatsAppWebhookFunctionUrl,"
            + " VoiceWebhookFunctionUrl; no API Gateway fee for them)"),
    /** Every route on a function URL: the /v1 API on its own too (deployable: ApiFunctionUrl). */
    ALL_ON_URLS(
        "the /v1 API on its function URL as well (deployed: output ApiFunctionUrl;"
            + " no API Gateway fee at all)");

    final String description;

    Routes(String description) {
      this.description = description;
    }
  }

  /** The bill per million units, with {@code routes} on the HTTP API or on function URLs. */
  static Bill price(Usage usage, CostPrices prices, Routes routes) {
    return price(usage, prices, routes, Capacity.ON_DEMAND);
  }

  /** As {@link #price(Usage, CostPrices, Routes)}, DynamoDB billed by {@code capacity}. */
  static Bill price(Usage usage, CostPrices prices, Routes routes, Capacity capacity) {
    double n = usage.units();
    List<Line> lines = new ArrayList<>();
    long gatewayRequests =
        switch (routes) {
          case HTTP_API -> usage.apiRequests() + usage.webhookRequests();
          case WEBHOOKS_ON_URLS -> usage.apiRequests();
          case ALL_ON_URLS -> 0;
        };
    lines.add(
        line(
            "API Gateway HTTP API requests",
            gatewayRequests / n,
            "requests",
            gatewayRequests * prices.httpApiPerMillionRequests() / 1e6,
            n));
    lines.add(
        line(
            "Lambda requests",
            usage.lambdaInvocations() / n,
            "invocations",
            usage.lambdaInvocations() * prices.lambdaPerMillionRequests() / 1e6,
            n));
    lines.add(
        line(
            "Lambda duration (arm64)",
            usage.lambdaGbSeconds() / n,
            "GB-s",
            usage.lambdaGbSeconds() * prices.lambdaArmPerGbSecond(),
            n));
    double writePrice =
        capacity.provisioned()
            ? prices.provisionedWritePerMillionUnits(capacity.utilisation())
            : prices.dynamoDbWritePerMillionUnits();
    double readPrice =
        capacity.provisioned()
            ? prices.provisionedReadPerMillionUnits(capacity.utilisation())
            : prices.dynamoDbReadPerMillionUnits();
    String mode = capacity.provisioned() ? " (provisioned)" : "";
    lines.add(
        line(
            "DynamoDB writes" + mode,
            usage.writeUnits() / n,
            "WRU",
            usage.writeUnits() * writePrice / 1e6,
            n));
    lines.add(
        line(
            "DynamoDB reads" + mode,
            usage.readUnits() / n,
            "RRU",
            usage.readUnits() * readPrice / 1e6,
            n));
    lines.add(
        line(
            "SQS FIFO requests",
            usage.sqsRequests() / n,
            "requests",
            usage.sqsRequests() * prices.sqsFifoPerMillionRequests() / 1e6,
            n));
    lines.add(
        line(
            "EventBridge events (integration events)",
            usage.integrationEvents() / n,
            "events",
            usage.integrationEvents() * prices.eventBridgePerMillionEvents() / 1e6,
            n));
    lines.add(
        line(
            "CloudWatch Logs ingestion",
            usage.logBytes() / n,
            "bytes",
            usage.logBytes() / BYTES_PER_GB * prices.logsIngestedPerGb(),
            n));
    lines.sort(Comparator.comparingDouble(Line::dollarsPerMillion).reversed());
    double total = lines.stream().mapToDouble(Line::dollarsPerMillion).sum();
    return new Bill(List.copyOf(lines), total);
  }

  /** A line from the path's total cost over {@code units}, scaled to a million units. */
  private static Line line(String item, double perUnit, String unit, double dollars, double n) {
    return new Line(item, perUnit, unit, dollars / n * 1e6);
  }
}
