package dev.frontdoor.adapter.out.aws;

import static dev.frontdoor.config.EnvVar.AWS_ENDPOINT_URL_DYNAMODB;
import static dev.frontdoor.config.EnvVar.AWS_ENDPOINT_URL_SQS;
import static dev.frontdoor.config.EnvVar.AWS_REGION;

import dev.frontdoor.adapter.out.http.JdkHttpDefaults;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.Environment;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
   * The client Lambda functions use, one per execution environment: url-connection (the JDK's
   * {@code HttpURLConnection}), chosen by measurement over Apache 4.x (deprecated) and Apache 5
   * (the SDK's default): the lightest cold start of the three, the smallest Lambda jar, and no
   * third-party dependency. The anomaly once seen with it against DynamoDB Local (a failed
   * conditional put reported as a success) did not reproduce against dynalite under the ingest and
   * store-contract suites. Its timeouts are the SDK's defaults (connect 2 s, read 30 s), as
   * Apache's were.
   */
  public static SdkHttpClient lambdaHttpClient() {
    JdkHttpDefaults.apply(); // before the first connection: no silent POST resend, keep-alive
    return UrlConnectionHttpClient.builder().build();
  }

  /**
   * During a SnapStart init (Lambda sets {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), runs
   * the SDK's own warm-up of the DynamoDB and SQS clients (canned responses, no network): the
   * marshalling, signing and pipeline classes are then loaded and initialised in the snapshot
   * rather than on the first request after a restore. Nothing otherwise: a cold start without
   * SnapStart would pay for it on init.
   */
  public static void primeBeforeSnapshot(Environment env) {
    if (env.get(LAMBDA_INITIALIZATION_TYPE).filter("snap-start"::equals).isPresent()) {
      SdkWarmUp.warmUp(DynamoDbClient.class, SqsClient.class);
    }
  }

  private static final String LAMBDA_INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

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
