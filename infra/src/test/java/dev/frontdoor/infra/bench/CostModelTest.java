package dev.frontdoor.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.frontdoor.infra.local.Invocations;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostModelTest {
  /**
   * Fixed inputs for the arithmetic below, deliberately not {@link CostPrices#US_EAST_1}: the
   * expected dollars are worked out from these numbers, so updating the dated price list must not
   * move them (the same figures today, by choice, not by reference).
   */
  private static final CostPrices PRICES =
      new CostPrices(
          "test",
          "today",
          0.625,
          0.125,
          0.50,
          0.20,
          0.0000133334,
          1.00,
          0.50,
          0.00065,
          0.00013,
          1.00);

  @Test
  void usage_addsUpMetersCounts_leavingEmptyReceivesOut() {
    CostModel.Usage usage =
        CostModel.Usage.of(
            100,
            Map.of(
                "DynamoDb:PutItem",
                new AwsMeter.Count("DynamoDb", "PutItem", 100, 0, 150, 0, 100, 0),
                "DynamoDb:GetItem",
                new AwsMeter.Count("DynamoDb", "GetItem", 100, 0, 0, 50, 100, 0),
                "Sqs:SendMessage",
                new AwsMeter.Count("Sqs", "SendMessage", 100, 0, 0, 0, 120, 0),
                "Sqs:ReceiveMessage(empty)",
                new AwsMeter.Count("Sqs", "ReceiveMessage(empty)", 40, 0, 0, 0, 40, 0)),
            Map.of(
                "Hook", new Invocations.Count("Hook", 100, 0, 1000, 1024),
                "Api", new Invocations.Count("Api", 50, 0, 2000, 512)),
            Set.of("Hook"),
            Set.of("Api"),
            10_000,
            300);

    assertThat(usage.webhookRequests()).isEqualTo(100);
    assertThat(usage.apiRequests()).isEqualTo(50);
    assertThat(usage.lambdaInvocations()).isEqualTo(150);
    // 1 s at 1 GB + 2 s at 0.5 GB.
    assertThat(usage.lambdaGbSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(usage.writeUnits()).isEqualTo(150);
    assertThat(usage.readUnits()).isEqualTo(50);
    assertThat(usage.sqsRequests()).isEqualTo(120);
    assertThat(usage.logBytes()).isEqualTo(10_000 + 150L * CostModel.LAMBDA_PLATFORM_LOG_BYTES);
    assertThat(usage.integrationEvents()).isEqualTo(300);
  }

  @Test
  void price_perMillion_isPricesTimesCountsPerUnit() {
    // Per unit: 1 webhook request, 1 invocation, 0.01 GB-s, 1 WRU, 2 RRU, 3 SQS requests,
    // 1,073.741824 bytes of log (a millionth of a GB) and 4 integration events.
    long n = 1000;
    CostModel.Usage usage =
        new CostModel.Usage(
            n, n, 0, n, 10.0, n, 2 * n, 3 * n, (long) (CostModel.BYTES_PER_GB / 1e3), 4 * n);

    CostModel.Bill bill = CostModel.price(usage, PRICES, CostModel.Routes.HTTP_API);

    Map<String, Double> lines = lines(bill);
    assertThat(lines.get("API Gateway HTTP API requests")).isCloseTo(1.00, within(1e-9));
    assertThat(lines.get("Lambda requests")).isCloseTo(0.20, within(1e-9));
    assertThat(lines.get("Lambda duration (arm64)")).isCloseTo(0.133334, within(1e-9));
    assertThat(lines.get("DynamoDB writes")).isCloseTo(0.625, within(1e-9));
    assertThat(lines.get("DynamoDB reads")).isCloseTo(0.25, within(1e-9));
    assertThat(lines.get("SQS FIFO requests")).isCloseTo(1.50, within(1e-9));
    assertThat(lines.get("CloudWatch Logs ingestion")).isCloseTo(0.50, within(1e-6));
    assertThat(lines.get("EventBridge events (integration events)")).isCloseTo(4.00, within(1e-9));
    assertThat(bill.dollarsPerMillion()).isCloseTo(8.208334, within(1e-6));
    assertThat(bill.dominant().item()).isEqualTo("EventBridge events (integration events)");
  }

  @Test
  void price_onFunctionUrls_dropsTheGatewayFeeOfTheRoutesMoved() {
    CostModel.Usage usage = new CostModel.Usage(10, 30, 10, 40, 0, 0, 0, 0, 0, 0);

    assertThat(
            lines(CostModel.price(usage, PRICES, CostModel.Routes.HTTP_API))
                .get("API Gateway HTTP API requests"))
        .isCloseTo(4.00, within(1e-9));
    assertThat(
            lines(CostModel.price(usage, PRICES, CostModel.Routes.WEBHOOKS_ON_URLS))
                .get("API Gateway HTTP API requests"))
        .isCloseTo(1.00, within(1e-9));
    assertThat(
            lines(CostModel.price(usage, PRICES, CostModel.Routes.ALL_ON_URLS))
                .get("API Gateway HTTP API requests"))
        .isCloseTo(0.00, within(1e-9));
  }

  @Test
  void provisioned_aUnitHourAtTargetUtilisation_carriesThatShareOf3600Units() {
    // At 70%, a WCU-hour carries 0.7 * 3600 = 2,520 writes: $0.00065 / 2,520 * 1e6 = $0.25794
    // per million; an RCU-hour 2,520 strongly consistent reads: $0.00013 / 2,520 * 1e6 = $0.05159.
    assertThat(PRICES.provisionedWritePerMillionUnits(0.7)).isCloseTo(0.2579365, within(1e-6));
    assertThat(PRICES.provisionedReadPerMillionUnits(0.7)).isCloseTo(0.0515873, within(1e-6));
    // Fully used capacity: 3,600 units an hour.
    assertThat(PRICES.provisionedWritePerMillionUnits(1.0)).isCloseTo(0.1805556, within(1e-6));
    assertThatThrownBy(() -> PRICES.provisionedWritePerMillionUnits(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PRICES.provisionedReadPerMillionUnits(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void price_provisioned_pricesTheSameUnitsPerUnitHour_andLeavesTheRestAlone() {
    // Per unit: 10 WRU and 3 RRU; nothing else.
    long n = 1000;
    CostModel.Usage usage = new CostModel.Usage(n, 0, 0, 0, 0, 10.0 * n, 3.0 * n, 0, 0, 0);

    Map<String, Double> onDemand =
        lines(CostModel.price(usage, PRICES, CostModel.Routes.ALL_ON_URLS));
    Map<String, Double> provisioned =
        lines(
            CostModel.price(
                usage,
                PRICES,
                CostModel.Routes.ALL_ON_URLS,
                CostModel.Capacity.provisionedAt(0.7)));

    // On-demand: 10 * $0.625 = $6.25; 3 * $0.125 = $0.375 per million.
    assertThat(onDemand.get("DynamoDB writes")).isCloseTo(6.25, within(1e-9));
    assertThat(onDemand.get("DynamoDB reads")).isCloseTo(0.375, within(1e-9));
    // Provisioned at 70%: 10 * $0.2579365 = $2.579365; 3 * $0.0515873 = $0.1547619.
    assertThat(provisioned.get("DynamoDB writes (provisioned)")).isCloseTo(2.579365, within(1e-6));
    assertThat(provisioned.get("DynamoDB reads (provisioned)")).isCloseTo(0.1547619, within(1e-6));
    assertThat(provisioned.get("Lambda requests")).isZero();
  }

  @Test
  void modelledBilledMillis_takesTheHandlersModelledTime_lessTheLaneSavingPerInvocation() {
    // 10 sender invocations billed 5,000 ms with the handler threads' waits modelled; their lanes
    // waited 9,000 ms on the engine for calls modelled at 900 ms: 8,100 ms saved over 9 lanes
    // per invocation is 900 ms off the invocations' wall time.
    Invocations.Count sender = new Invocations.Count("Sender", 10, 0, 6000, 1024, 1000, 0, 5000);
    AwsMeter.LaneWait lanes = new AwsMeter.LaneWait("Sender", 90, 9_000_000_000L, 900_000_000L);

    assertThat(CostModel.modelledBilledMillis(sender, lanes, 9)).isCloseTo(4100, within(1e-9));
    assertThat(CostModel.modelledBilledMillis(sender, null, 9)).isCloseTo(5000, within(1e-9));
    // Never below Lambda's 1 ms per invocation.
    assertThat(CostModel.modelledBilledMillis(sender, lanes, 1)).isCloseTo(10, within(1e-9));
    // 4,100 ms at 1,024 MB is 4.1 GB-s; at 512 MB half that.
    assertThat(CostModel.gbSeconds(4100, 1024)).isCloseTo(4.1, within(1e-9));
    assertThat(CostModel.gbSeconds(4100, 512)).isCloseTo(2.05, within(1e-9));
  }

  @Test
  void lanesPerInvocation_leavesOutTheBatchesDeliveredOnTheHandlersThread() {
    // 100 records in 21 invocations, 5 of which made calls on their own thread (one record each):
    // the other 95 records ran on lanes in 16 invocations, 5.9375 per invocation.
    Invocations.Count sender = new Invocations.Count("Sender", 21, 0, 0, 1024, 0, 5, 0);
    assertThat(CostModel.lanesPerInvocation(100, sender)).isCloseTo(5.9375, within(1e-9));
    // Every batch on the handler's thread: no lanes to share a saving.
    Invocations.Count inline = new Invocations.Count("Sender", 21, 0, 0, 1024, 0, 21, 0);
    assertThat(CostModel.lanesPerInvocation(21, inline)).isEqualTo(1.0);
  }

  @Test
  void routesLabels_nameOutputsTheTemplateHas_andNoneIsPricedOnly() {
    Map<String, Object> outputs =
        dev.frontdoor.infra.template.SamTemplate.map(
            dev.frontdoor.infra.template.SamTemplate.load(java.nio.file.Path.of("../template.yaml"))
                .raw()
                .get("Outputs"));
    java.util.regex.Pattern outputName = java.util.regex.Pattern.compile("\\b[A-Z][A-Za-z]*Url\\b");
    java.util.List<String> named = new java.util.ArrayList<>();
    for (CostModel.Routes routes : CostModel.Routes.values()) {
      assertThat(routes.description).doesNotContain("not deployed").doesNotContain("priced only");
      outputName.matcher(routes.description).results().forEach(m -> named.add(m.group()));
    }

    assertThat(named)
        .contains(
            "ApiUrl", "WhatsAppWebhookFunctionUrl", "VoiceWebhookFunctionUrl", "ApiFunctionUrl");
    assertThat(outputs).containsKeys(named.toArray(String[]::new));
    assertThat(CostModel.Routes.ALL_ON_URLS.description).contains("ApiFunctionUrl");
  }

  @Test
  void streamPublisher_oneInvocationPerHundredRecords_putEventsOfTenAtTheModelledLatency() {
    // 250 records, 180 events, 30 ms of mapping: 3 invocations; 18 PutEvents calls of 20 ms is
    // 360 ms, so 390 ms of work, billed 390 ms plus up to 1 ms per invocation for rounding.
    Invocations.Count publisher =
        CostBench.streamPublisher(
            new dev.frontdoor.infra.local.StreamPublishing.Totals(250, 180, 30_000_000), 1024);

    assertThat(publisher.functionId()).isEqualTo(CostBench.STREAM_PUBLISHER);
    assertThat(publisher.invocations()).isEqualTo(3);
    assertThat(publisher.nanos()).isEqualTo(390_000_000L);
    assertThat(publisher.billedMillis()).isEqualTo(393);
    assertThat(publisher.modelledBilledMillis()).isEqualTo(publisher.billedMillis());
    assertThat(publisher.memoryMb()).isEqualTo(1024);
  }

  @Test
  void withoutIntegrationEvents_dropsTheEventsAndThePublishersInvocationsDurationAndLines() {
    // 100 units: 500 invocations of which 2 the publisher's (400 billed ms at 1 GB = 0.4 GB-s),
    // 300 events, and 600 log bytes the publisher wrote.
    long platform = CostModel.LAMBDA_PLATFORM_LOG_BYTES;
    CostModel.Usage usage =
        new CostModel.Usage(100, 0, 0, 500, 10.0, 900, 300, 210, 50_000 + 2 * platform, 300);
    Invocations.Count publisher = new Invocations.Count("Publisher", 2, 0, 400, 1024);

    CostModel.Usage off = usage.withoutIntegrationEvents(publisher, 600);

    assertThat(off.integrationEvents()).isZero();
    assertThat(off.lambdaInvocations()).isEqualTo(498);
    assertThat(off.lambdaGbSeconds()).isCloseTo(9.6, within(1e-9));
    assertThat(off.logBytes()).isEqualTo(49_400);
    assertThat(off.writeUnits()).isEqualTo(usage.writeUnits());
    assertThat(off.sqsRequests()).isEqualTo(usage.sqsRequests());
    // Nothing ran: only the events go.
    assertThat(usage.withoutIntegrationEvents(null, 0).lambdaInvocations()).isEqualTo(500);
  }

  private static Map<String, Double> lines(CostModel.Bill bill) {
    return bill.lines().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                CostModel.Line::item, CostModel.Line::dollarsPerMillion));
  }

  @Test
  void scenarios_eachStepOnTopOfTheOneBefore_unpriced() {
    assertThat(CostBench.scenarios(true))
        .extracting(CostModelTest::step)
        .containsExactly(
            "a HTTP_API on-demand measured events 0.0",
            "a2 WEBHOOKS_ON_URLS on-demand measured events 0.0",
            "b ALL_ON_URLS on-demand measured events 0.0",
            "c ALL_ON_URLS on-demand modelled events 0.0",
            "d ALL_ON_URLS provisioned@0.7 modelled events 0.0",
            "e ALL_ON_URLS provisioned@0.7 modelled no-events 0.0");
    assertThat(CostBench.scenarios(false))
        .extracting(CostBench.Scenario::key)
        .containsExactly("a", "b", "c", "d", "e");
  }

  private static String step(CostBench.Scenario scenario) {
    return String.join(
        " ",
        scenario.key(),
        scenario.routes().name(),
        scenario.capacity().provisioned()
            ? "provisioned@" + scenario.capacity().utilisation()
            : "on-demand",
        scenario.modelledLatency() ? "modelled" : "measured",
        scenario.integrationEvents() ? "events" : "no-events",
        String.valueOf(scenario.dollarsPerMillion()));
  }
}
