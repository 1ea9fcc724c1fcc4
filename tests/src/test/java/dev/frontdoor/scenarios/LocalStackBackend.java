package dev.frontdoor.scenarios;

import dev.frontdoor.config.Environment;
import java.util.Map;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;

/** LocalStack through Testcontainers: only constructed where a Docker engine answers. */
public final class LocalStackBackend extends SdkBackend {
  static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

  public LocalStackBackend(LocalStackContainer container) {
    super(
        Environment.of(
            Map.of(
                "AWS_REGION", container.getRegion(),
                "AWS_ACCESS_KEY_ID", container.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", container.getSecretKey(),
                "AWS_ENDPOINT_URL_DYNAMODB",
                    container.getEndpointOverride(Service.DYNAMODB).toString(),
                "AWS_ENDPOINT_URL_SQS", container.getEndpointOverride(Service.SQS).toString())));
  }

  static LocalStackContainer container() {
    return new LocalStackContainer(IMAGE).withServices(Service.DYNAMODB, Service.SQS);
  }
}
