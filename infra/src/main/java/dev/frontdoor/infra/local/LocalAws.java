package dev.frontdoor.infra.local;

import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import java.net.URI;
import java.util.Map;

/** The AWS part of a local environment: region, placeholder credentials, embedded endpoints. */
public final class LocalAws {
  public static final String REGION = "af-south-1";

  private LocalAws() {}

  public static Environment environment(URI dynamoDb, URI sqs) {
    return Environment.of(
        Map.of(
            EnvVar.AWS_REGION,
            REGION,
            "AWS_ACCESS_KEY_ID",
            "local",
            "AWS_SECRET_ACCESS_KEY",
            "local",
            EnvVar.AWS_ENDPOINT_URL_DYNAMODB,
            dynamoDb.toString(),
            EnvVar.AWS_ENDPOINT_URL_SQS,
            sqs.toString()));
  }
}
