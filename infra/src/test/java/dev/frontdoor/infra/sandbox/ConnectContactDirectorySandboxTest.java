package dev.frontdoor.infra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.adapter.out.connect.ConnectContactDirectory;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The Connect contact directory against the sandbox Connect API over real HTTP, signed with the
 * SDK's SigV4 signer and static test credentials.
 */
class ConnectContactDirectorySandboxTest {
  private static final String INSTANCE_ID = "8b0b2d2e-1c9a-4a4e-9f39-2f1d8f6c1a10";
  private static final String INSTANCE_ARN =
      "arn:aws:connect:af-south-1:123456789012:instance/" + INSTANCE_ID;
  private static final String CONTACT = "5a1c0f7e-2b6d-4a43-8e51-0c9f3d2b7e61";
  private static final String NUMBER = "+27821234567";

  private SandboxConnect sandbox;
  private SdkHttpClient http;
  private ConnectContactDirectory directory;

  @BeforeEach
  void start() {
    sandbox = SandboxConnect.start(0);
    http = AwsClients.lambdaHttpClient();
    directory =
        new ConnectContactDirectory(
            http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
            Region.AF_SOUTH_1,
            sandbox.baseUri());
  }

  @AfterEach
  void stop() {
    http.close();
    sandbox.close();
  }

  @Test
  void aRegisteredVoiceContactAnswersItsCustomerNumber() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);

    assertThat(directory.customerEndpoint(INSTANCE_ARN, CONTACT)).contains(NUMBER);
    assertThat(directory.customerEndpoint(INSTANCE_ID, CONTACT)).contains(NUMBER);
  }

  @Test
  void theRequestIsSignedForConnectWithTheTestCredentials() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);

    directory.customerEndpoint(INSTANCE_ARN, CONTACT);

    assertThat(sandbox.calls()).hasSize(1);
    SandboxConnect.SignedCall call = sandbox.calls().get(0);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.path()).isEqualTo("/contacts/" + INSTANCE_ID + "/" + CONTACT);
    assertThat(call.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=test/")
        .contains("/af-south-1/connect/aws4_request")
        .contains("SignedHeaders=")
        .contains("x-amz-date")
        .contains("Signature=");
    assertThat(call.amzDate()).matches("\\d{8}T\\d{6}Z");
    assertThat(call.accessKeyId()).isEqualTo("test");
    assertThat(call.region()).isEqualTo("af-south-1");
    assertThat(call.service()).isEqualTo("connect");
    assertThat(call.signedForConnect()).isTrue();
  }

  @Test
  void anUnknownContactIsEmpty() {
    assertThat(directory.customerEndpoint(INSTANCE_ARN, "no-such-contact")).isEmpty();
  }

  @Test
  void aNonTelephoneEndpointIsEmpty() {
    sandbox.register(INSTANCE_ID, CONTACT, "VOIP", "sip:caller@example.com");
    assertThat(directory.customerEndpoint(INSTANCE_ARN, CONTACT)).isEmpty();

    sandbox.register(INSTANCE_ID, CONTACT, null, null); // withheld: no customer endpoint
    assertThat(directory.customerEndpoint(INSTANCE_ARN, CONTACT)).isEmpty();

    sandbox.register(INSTANCE_ID, CONTACT, "TELEPHONE_NUMBER", "  ");
    assertThat(directory.customerEndpoint(INSTANCE_ARN, CONTACT)).isEmpty();
  }

  @Test
  void throttlingIsRetried() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);
    sandbox.faults().failNext(1, 429, 0, "Rate exceeded");

    assertThatThrownBy(() -> directory.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("429")
        .hasMessageContaining("ThrottlingException");
    assertThat(directory.customerEndpoint(INSTANCE_ARN, CONTACT)).contains(NUMBER);
  }

  @Test
  void aServerErrorIsRetried() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);
    sandbox.faults().failNext(1, 500, 0, "Request processing failed");

    assertThatThrownBy(() -> directory.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("500")
        .hasMessageContaining("InternalServiceException");
  }

  @Test
  void aDroppedConnectionIsRetried() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);
    // The url-connection client's HttpURLConnection resends a GET once on a dropped connection
    // (DescribeContact reads, so that is safe): a connection dropped twice reaches the caller.
    sandbox.faults().disconnectNext(2);

    assertThatThrownBy(() -> directory.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void noSandboxListeningIsRetried() {
    URI closed = sandbox.baseUri();
    sandbox.close();

    ConnectContactDirectory unreachable =
        new ConnectContactDirectory(
            http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
            Region.AF_SOUTH_1,
            closed);
    assertThatThrownBy(() -> unreachable.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void accessDeniedIsAConfigurationProblemNamingTheCause() {
    sandbox
        .faults()
        .failNext(1, 403, 0, "User is not authorized to perform connect:DescribeContact");

    assertThatThrownBy(() -> directory.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("403")
        .hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("connect:DescribeContact");
  }

  @Test
  void aBadRequestIsAConfigurationProblem() {
    sandbox.faults().failNext(1, 400, 0, "The request is not valid.");

    assertThatThrownBy(() -> directory.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("400");
  }

  @Test
  void anEndpointThatIsNotConnectIsAConfigurationProblemNotAnUnknownContact() {
    ConnectContactDirectory wrongPath =
        new ConnectContactDirectory(
            http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
            Region.AF_SOUTH_1,
            sandbox.baseUri().resolve("/elsewhere"));

    assertThatThrownBy(() -> wrongPath.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("404");
  }

  @Test
  void theNumberIsNeverInAnErrorMessage() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);
    sandbox.faults().failNext(1, 503, 0, "Service unavailable");

    assertThatThrownBy(() -> directory.customerEndpoint(INSTANCE_ARN, CONTACT))
        .isInstanceOf(StoreUnavailableException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("821234567"));
  }

  @Test
  void builtFromTheEnvironmentItUsesConnectEndpointUrl() {
    sandbox.registerContact(INSTANCE_ID, CONTACT, NUMBER);
    Environment env =
        Environment.of(
            Map.of(
                EnvVar.AWS_REGION,
                "af-south-1",
                "AWS_ACCESS_KEY_ID",
                "local",
                "AWS_SECRET_ACCESS_KEY",
                "local",
                EnvVar.CONNECT_ENDPOINT_URL,
                sandbox.baseUri().toString()));

    ConnectContactDirectory fromEnv =
        ConnectContactDirectory.create(GatewayConfig.from(env), env, http);

    assertThat(fromEnv.customerEndpoint(INSTANCE_ARN, CONTACT)).contains(NUMBER);
    assertThat(sandbox.calls().get(0).accessKeyId()).isEqualTo("local");
  }
}
