package dev.frontdoor.scenarios;

import dev.frontdoor.infra.local.EmbeddedSqs;
import dev.frontdoor.infra.local.LocalAws;
import dev.frontdoor.infra.local.LocalDynamoDb;
import java.util.Optional;

/** dynalite (a child process) and ElasticMQ (in this JVM), both in memory. */
public final class EmbeddedBackend extends SdkBackend {
  private final LocalDynamoDb dynamoDbServer;
  private final EmbeddedSqs sqsServer;

  public EmbeddedBackend() {
    this(LocalDynamoDb.start(0, Optional.empty()), EmbeddedSqs.start(0, Optional.empty()));
  }

  private EmbeddedBackend(LocalDynamoDb dynamoDbServer, EmbeddedSqs sqsServer) {
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
