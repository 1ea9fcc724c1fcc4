package dev.frontdoor.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.frontdoor.infra.local.Invocations;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostModelTest {
  private static final CostPrices PRICES =
      new CostPrices("test", "today", 0.625, 0.125, 0.50, 0.20, 0.0000133334, 1.00, 0.50);

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
            10_000);

    assertThat(usage.webhookRequests()).isEqualTo(100);
    assertThat(usage.apiRequests()).isEqualTo(50);
    assertThat(usage.lambdaInvocations()).isEqualTo(150);
    // 1 s at 1 GB + 2 s at 0.5 GB.
    assertThat(usage.lambdaGbSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(usage.writeUnits()).isEqualTo(150);
    assertThat(usage.readUnits()).isEqualTo(50);
    assertThat(usage.sqsRequests()).isEqualTo(120);
    assertThat(usage.logBytes()).isEqualTo(10_000 + 150L * CostModel.LAMBDA_PLATFORM_LOG_BYTES);
  }

  @Test
  void price_perMillion_isPricesTimesCountsPerUnit() {
    // Per unit: 1 webhook request, 1 invocation, 0.01 GB-s, 1 WRU, 2 RRU, 3 SQS requests and
    // 1,073.741824 bytes of log (a millionth of a GB).
    long n = 1000;
    CostModel.Usage usage =
        new CostModel.Usage(
            n, n, 0, n, 10.0, n, 2 * n, 3 * n, (long) (CostModel.BYTES_PER_GB / 1e3));

    CostModel.Bill bill = CostModel.price(usage, PRICES, CostModel.Routes.HTTP_API);

    Map<String, Double> lines = lines(bill);
    assertThat(lines.get("API Gateway HTTP API requests")).isCloseTo(1.00, within(1e-9));
    assertThat(lines.get("Lambda requests")).isCloseTo(0.20, within(1e-9));
    assertThat(lines.get("Lambda duration (arm64)")).isCloseTo(0.133334, within(1e-9));
    assertThat(lines.get("DynamoDB writes")).isCloseTo(0.625, within(1e-9));
    assertThat(lines.get("DynamoDB reads")).isCloseTo(0.25, within(1e-9));
    assertThat(lines.get("SQS FIFO requests")).isCloseTo(1.50, within(1e-9));
    assertThat(lines.get("CloudWatch Logs ingestion")).isCloseTo(0.50, within(1e-6));
    assertThat(bill.dollarsPerMillion()).isCloseTo(4.208334, within(1e-6));
    assertThat(bill.dominant().item()).isEqualTo("SQS FIFO requests");
  }

  @Test
  void price_onFunctionUrls_dropsTheGatewayFeeOfTheRoutesMoved() {
    CostModel.Usage usage = new CostModel.Usage(10, 30, 10, 40, 0, 0, 0, 0, 0);

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

  private static Map<String, Double> lines(CostModel.Bill bill) {
    return bill.lines().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                CostModel.Line::item, CostModel.Line::dollarsPerMillion));
  }
}
