package dev.frontdoor.scenarios;

import dev.frontdoor.config.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where a scenario's DynamoDB and SQS live: the embedded servers (always) or LocalStack (where a
 * Docker engine exists). Scenarios are written once against this and run on both.
 */
public interface AwsBackend extends AutoCloseable {
  DynamoDbClient dynamoDb();

  SqsClient sqs();

  /** Region, credentials and endpoints, as the functions' environment would carry them. */
  Environment awsEnvironment();

  String region();

  @Override
  void close();
}
