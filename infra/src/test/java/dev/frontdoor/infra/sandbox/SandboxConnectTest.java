package dev.frontdoor.infra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox Connect API's own routes, over plain HTTP. */
class SandboxConnectTest {
  private static final String INSTANCE = "8b0b2d2e-1c9a-4a4e-9f39-2f1d8f6c1a10";
  private static final String CONTACT = "5a1c0f7e-2b6d-4a43-8e51-0c9f3d2b7e61";
  private static final String SIGNED =
      "AWS4-HMAC-SHA256 Credential=test/20250601/af-south-1/connect/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=00";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SandboxConnect sandbox;

  @BeforeEach
  void start() {
    sandbox = SandboxConnect.start(0);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> describe(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(sandbox.baseUri() + "/contacts/" + INSTANCE + "/" + CONTACT))
            .timeout(Duration.ofSeconds(10))
            .header("X-Amz-Date", "20250601T100000Z")
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String method, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    sandbox.baseUri()
                        + "/local/connect/contacts/arn:aws:connect:af-south-1:123456789012:instance%2F"
                        + INSTANCE
                        + "/"
                        + CONTACT))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAdminRouteRegistersAContactThatDescribeContactThenAnswers() throws Exception {
    HttpResponse<String> put = admin("PUT", "{\"customer_number\": \"+27821234567\"}");
    assertThat(put.statusCode()).isEqualTo(200);

    HttpResponse<String> answer = describe(SIGNED);

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode contact = JSON.readTree(answer.body()).get("Contact");
    assertThat(contact.get("Id").asText()).isEqualTo(CONTACT);
    assertThat(contact.get("Arn").asText())
        .isEqualTo(
            "arn:aws:connect:af-south-1:000000000000:instance/" + INSTANCE + "/contact/" + CONTACT);
    assertThat(contact.get("Channel").asText()).isEqualTo("VOICE");
    assertThat(contact.at("/CustomerEndpoint/Type").asText()).isEqualTo("TELEPHONE_NUMBER");
    assertThat(contact.at("/CustomerEndpoint/Address").asText()).isEqualTo("+27821234567");
    assertThat(contact.get("InitiationTimestamp").isNumber()).isTrue();
  }

  @Test
  void anotherEndpointTypeOrNoneCanBeRegistered() throws Exception {
    assertThat(admin("PUT", "{\"endpoint_type\": \"VOIP\", \"address\": \"sip:a@b\"}").statusCode())
        .isEqualTo(200);
    assertThat(JSON.readTree(describe(SIGNED).body()).at("/Contact/CustomerEndpoint/Type").asText())
        .isEqualTo("VOIP");

    assertThat(admin("PUT", "{}").statusCode()).isEqualTo(200);
    assertThat(
            JSON.readTree(describe(SIGNED).body()).at("/Contact/CustomerEndpoint").isMissingNode())
        .isTrue();
  }

  @Test
  void anUnknownContactIsResourceNotFoundWithTheErrorTypeHeader() throws Exception {
    HttpResponse<String> answer = describe(SIGNED);

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("ResourceNotFoundException");
    assertThat(JSON.readTree(answer.body()).get("message").asText()).isNotBlank();
  }

  @Test
  void deleteForgetsTheContact() throws Exception {
    admin("PUT", "{\"customer_number\": \"+27821234567\"}");
    assertThat(admin("DELETE", null).statusCode()).isEqualTo(204);
    assertThat(describe(SIGNED).statusCode()).isEqualTo(404);
  }

  @Test
  void anUnsignedOrWronglyScopedRequestIsRefusedAsAwsWould() throws Exception {
    sandbox.registerContact(INSTANCE, CONTACT, "+27821234567");

    HttpResponse<String> unsigned = describe(null);
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("MissingAuthenticationTokenException");

    HttpResponse<String> otherService = describe(SIGNED.replace("/connect/", "/dynamodb/"));
    assertThat(otherService.statusCode()).isEqualTo(403);
    assertThat(otherService.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("InvalidSignatureException");
  }

  @Test
  void aBadAdminBodyIsRefused() throws Exception {
    assertThat(admin("PUT", "[1]").statusCode()).isEqualTo(400);
    assertThat(
            admin("PUT", "{\"customer_number\": \"+27821234567\", \"endpoint_type\": \"VOIP\"}")
                .statusCode())
        .isEqualTo(400);
  }
}
