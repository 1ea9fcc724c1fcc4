package dev.frontdoor.scenarios;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A backend reached with the gateway's own client factory, from an AWS environment. */
abstract class SdkBackend implements AwsBackend {
  private final Environment environment;
  private final SdkHttpClient http = ApacheHttpClient.create();
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;

  SdkBackend(Environment environment) {
    this.environment = environment;
    this.dynamoDb = AwsClients.dynamoDb(environment, http);
    this.sqs = AwsClients.sqs(environment, http);
  }

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
    return environment.require(EnvVar.AWS_REGION);
  }

  @Override
  public void close() {
    dynamoDb.close();
    sqs.close();
    http.close();
  }
}
