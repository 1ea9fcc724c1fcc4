package dev.frontdoor.scenarios;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.config.Environment;
import dev.frontdoor.infra.local.EmbeddedDynamoDb;
import dev.frontdoor.infra.local.EmbeddedSqs;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** DynamoDB Local and ElasticMQ in this JVM, in memory. */
public final class EmbeddedBackend implements AwsBackend {
  private static final String REGION = "af-south-1";
  private final EmbeddedDynamoDb dynamoDbServer = EmbeddedDynamoDb.start(0, Optional.empty());
  private final EmbeddedSqs sqsServer = EmbeddedSqs.start(0, Optional.empty());
  private final SdkHttpClient http = ApacheHttpClient.create();
  private final Environment environment =
      Environment.of(
          Map.of(
              "AWS_REGION",
              REGION,
              "AWS_ACCESS_KEY_ID",
              "local",
              "AWS_SECRET_ACCESS_KEY",
              "local",
              "AWS_ENDPOINT_URL_DYNAMODB",
              dynamoDbServer.endpoint().toString(),
              "AWS_ENDPOINT_URL_SQS",
              sqsServer.endpoint().toString()));
  private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(environment, http);
  private final SqsClient sqs = AwsClients.sqs(environment, http);

  @Override
  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  @Override
  public SqsClient sqs() {
    return sqs;
  }

  @Override
  public Environment awsEnvironment() {
    return environment;
  }

  @Override
  public String region() {
    return REGION;
  }

  @Override
  public void close() {
    dynamoDb.close();
    sqs.close();
    http.close();
    sqsServer.close();
    dynamoDbServer.close();
  }
}
