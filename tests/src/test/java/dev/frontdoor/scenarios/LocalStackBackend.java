package dev.frontdoor.scenarios;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.config.Environment;
import java.util.Map;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** LocalStack through Testcontainers: only constructed where a Docker engine answers. */
public final class LocalStackBackend implements AwsBackend {
  static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

  private final LocalStackContainer container;
  private final SdkHttpClient http = ApacheHttpClient.create();
  private final Environment environment;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;

  public LocalStackBackend(LocalStackContainer container) {
    this.container = container;
    this.environment =
        Environment.of(
            Map.of(
                "AWS_REGION", container.getRegion(),
                "AWS_ACCESS_KEY_ID", container.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", container.getSecretKey(),
                "AWS_ENDPOINT_URL_DYNAMODB",
                    container.getEndpointOverride(Service.DYNAMODB).toString(),
                "AWS_ENDPOINT_URL_SQS", container.getEndpointOverride(Service.SQS).toString()));
    this.dynamoDb = AwsClients.dynamoDb(environment, http);
    this.sqs = AwsClients.sqs(environment, http);
  }

  static LocalStackContainer container() {
    return new LocalStackContainer(IMAGE).withServices(Service.DYNAMODB, Service.SQS);
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
    return container.getRegion();
  }

  @Override
  public void close() {
    dynamoDb.close();
    sqs.close();
    http.close();
  }
}
