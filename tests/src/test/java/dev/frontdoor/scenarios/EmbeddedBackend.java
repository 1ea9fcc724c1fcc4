package dev.frontdoor.scenarios;

import dev.frontdoor.infra.local.EmbeddedDynamoDb;
import dev.frontdoor.infra.local.EmbeddedSqs;
import dev.frontdoor.infra.local.LocalAws;
import java.util.Optional;

/** DynamoDB Local and ElasticMQ in this JVM, in memory. */
public final class EmbeddedBackend extends SdkBackend {
  private final EmbeddedDynamoDb dynamoDbServer;
  private final EmbeddedSqs sqsServer;

  public EmbeddedBackend() {
    this(EmbeddedDynamoDb.start(0, Optional.empty()), EmbeddedSqs.start(0, Optional.empty()));
  }

  private EmbeddedBackend(EmbeddedDynamoDb dynamoDbServer, EmbeddedSqs sqsServer) {
    super(LocalAws.environment(dynamoDbServer.endpoint(), sqsServer.endpoint()));
    this.dynamoDbServer = dynamoDbServer;
    this.sqsServer = sqsServer;
  }

  @Override
  public void close() {
    super.close();
    sqsServer.close();
    dynamoDbServer.close();
  }
}
