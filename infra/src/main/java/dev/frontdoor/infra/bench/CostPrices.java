package dev.frontdoor.infra.bench;

/**
 * List prices for {@code bin/gateway bench cost}, US East (N. Virginia, us-east-1), in US dollars,
 * read on 2026-11-29. Cape Town (af-south-1) is where a South African deployment would run, but no
 * page found listed its prices; af-south-1 is usually dearer than us-east-1, so these are a floor.
 * Free tiers are left out: the figures are the price of the millionth message, not the first.
 */
public record CostPrices(
    String region,
    String date,
    double dynamoDbWritePerMillionUnits,
    double dynamoDbReadPerMillionUnits,
    double sqsFifoPerMillionRequests,
    double lambdaPerMillionRequests,
    double lambdaArmPerGbSecond,
    double httpApiPerMillionRequests,
    double logsIngestedPerGb,
    double dynamoDbWriteCapacityUnitHour,
    double dynamoDbReadCapacityUnitHour,
    double eventBridgePerMillionEvents) {

  /**
   * What a million write units cost on provisioned capacity held at {@code utilisation} (auto
   * scaling's target): a WCU-hour carries {@code utilisation * 3600} one-KB writes.
   */
  public double provisionedWritePerMillionUnits(double utilisation) {
    return perMillion(dynamoDbWriteCapacityUnitHour, utilisation);
  }

  /** As {@link #provisionedWritePerMillionUnits}: an RCU-hour, 3600 strongly consistent reads. */
  public double provisionedReadPerMillionUnits(double utilisation) {
    return perMillion(dynamoDbReadCapacityUnitHour, utilisation);
  }

  private static double perMillion(double unitHour, double utilisation) {
    if (!(utilisation > 0 && utilisation <= 1)) {
      throw new IllegalArgumentException("utilisation must be in (0, 1], is " + utilisation);
    }
    return unitHour / (utilisation * 3600) * 1e6;
  }

  public static final CostPrices US_EAST_1 =
      new CostPrices(
          "us-east-1 (US East, N. Virginia)",
          "2026-11-29",
          // DynamoDB on-demand, Standard table class: $0.625 per million write request units (after
          // the November 2024 halving).
          // https://airbyte.com/data-engineering-resources/dynamodb-pricing
          // (page of 2025-07-21), read 2026-11-29.
          0.625,
          // DynamoDB on-demand: $0.125 per million read request units (one strongly consistent read
          // of up to 4 KB). Same page, read 2026-11-29.
          0.125,
          // SQS FIFO: $0.50 per million requests (each 64 KB chunk of a request is one request).
          // https://cloudburn.io/blog/amazon-sqs-pricing (us-east-1, March 2026), and
          // https://www.factualminds.com/blog/amazon-sqs-pricing-64kb-rule-fifo-vs-standard/ (June
          // 2026), read 2026-11-29.
          0.50,
          // Lambda: $0.20 per million requests, x86 and arm64 alike.
          // https://git.mcrn.ar/mariano/lambda_local_runner/src/commit/957e45b8adae23ce50b966346229585b5df18b4d/docs/lambdas-md/lambda-13-cost.md
          // (table of requests and duration by architecture), read 2026-11-29.
          0.20,
          // Lambda arm64 duration: $0.0000133334 per GB-second (first 7.5 billion GB-s a month).
          // https://cloudchipr.com/blog/aws-lambda-pricing (US East), read 2026-11-29.
          0.0000133334,
          // API Gateway HTTP API: $1.00 per million requests (first 300 million a month; each 512
          // KB
          // of a request is metered as one).
          // https://www.learnaws.org/2021/01/10/api-gateway-pricing/
          // and https://www.apigatewaycost.com/aws ; official page
          // https://aws.amazon.com/api-gateway/pricing/ , read 2026-11-29.
          1.00,
          // CloudWatch Logs, Standard log class: $0.50 per GB ingested.
          // https://c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1, June 2026), read
          // 2026-11-29.
          0.50,
          // DynamoDB provisioned capacity, Standard table class: $0.00065 per WCU-hour and
          // $0.00013 per RCU-hour (unchanged by the November 2024 on-demand cut).
          // https://wring.co/blog/aws-dynamodb-pricing-guide (US East, March 2026; its on-demand
          // figures are the pre-cut ones), official page
          // https://aws.amazon.com/dynamodb/pricing/provisioned/ , read 2026-11-30.
          0.00065,
          0.00013,
          // EventBridge, custom events on a bus: $1.00 per million events ingested (each 64 KB of
          // an event is one). https://cloudburn.io/blog/amazon-eventbridge-pricing (us-east-1,
          // March 2026), read 2026-11-30.
          1.00);
}
