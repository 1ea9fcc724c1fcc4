package dev.frontdoor.adapter.out.aws;

import static dev.frontdoor.config.EnvVar.AWS_ENDPOINT_URL_DYNAMODB;
import static dev.frontdoor.config.EnvVar.AWS_ENDPOINT_URL_SQS;
import static dev.frontdoor.config.EnvVar.AWS_REGION;

import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.Environment;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients from an {@link Environment}. The HTTP client is always explicit: the
 * classpath may hold several, and the choice must be deliberate (see {@link #lambdaHttpClient}).
 * {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code AWS_ENDPOINT_URL_SQS} point the clients at the
 * embedded servers locally; they are unset in Lambda.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * The client Lambda functions use. Apache rather than url-connection: with url-connection,
   * conditional puts against DynamoDB Local (the local engine then) reported success where they had
   * failed (a duplicate stored twice), and SnapStart removes url-connection's one advantage, a
   * faster cold start.
   */
  public static SdkHttpClient lambdaHttpClient() {
    return ApacheHttpClient.builder().maxConnections(16).build();
  }

  public static DynamoDbClient dynamoDb(Environment env, SdkHttpClient http) {
    var builder =
        DynamoDbClient.builder()
            .httpClient(http)
            .region(region(env))
            .credentialsProvider(credentials(env));
    endpoint(env, AWS_ENDPOINT_URL_DYNAMODB).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public static SqsClient sqs(Environment env, SdkHttpClient http) {
    var builder =
        SqsClient.builder()
            .httpClient(http)
            .region(region(env))
            .credentialsProvider(credentials(env));
    endpoint(env, AWS_ENDPOINT_URL_SQS).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** {@code AWS_REGION}, required. */
  public static Region region(Environment env) {
    return Region.of(env.require(AWS_REGION));
  }

  private static Optional<URI> endpoint(Environment env, String name) {
    return env.get(name)
        .map(
            value -> {
              try {
                return URI.create(value);
              } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "is not a valid URL");
              }
            });
  }

  /**
   * Explicit keys when the environment carries them (Lambda without SnapStart, the local runtime),
   * otherwise the default chain (container credentials, profiles). Public for adapters that sign
   * their own requests (the Connect contact directory).
   */
  public static AwsCredentialsProvider credentials(Environment env) {
    Optional<String> keyId = env.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (keyId.isEmpty() || secret.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    Optional<String> session = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        session.isPresent()
            ? AwsSessionCredentials.create(keyId.get(), secret.get(), session.get())
            : AwsBasicCredentials.create(keyId.get(), secret.get()));
  }
}
