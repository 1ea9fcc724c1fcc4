package dev.frontdoor.adapter.out.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.adapter.out.aws.ResponseBodies;
import dev.frontdoor.adapter.out.aws.SigV4Signing;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.logging.Log;
import dev.frontdoor.voice.port.out.ContactDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * {@link ContactDirectory} over Amazon Connect's {@code DescribeContact}, called on its REST API
 * directly: the SDK's {@code connect} module is not used (see the README), so this adapter builds
 * the request, signs it with the SDK's own SigV4 signer ({@link AwsV4HttpSigner}, signing name
 * {@code connect}) and sends it with the same {@link SdkHttpClient} the SDK clients use.
 *
 * <p>The wire protocol (restJson1), from the API reference
 * (https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribeContact.html and
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_EndpointInfo.html; endpoints:
 * https://docs.aws.amazon.com/general/latest/gr/connect_region.html):
 *
 * <ul>
 *   <li>{@code GET /contacts/{InstanceId}/{ContactId}} on {@code
 *       https://connect.<region>.amazonaws.com}, no body;
 *   <li>200 answers {@code {"Contact": {"Id": ..., "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER",
 *       "Address": "+27..."}, ...}}}; {@code Type} is one of {@code TELEPHONE_NUMBER | VOIP |
 *       CONTACT_FLOW | CONNECT_PHONENUMBER_ARN | EMAIL_ADDRESS};
 *   <li>errors name their type in the {@code x-amzn-ErrorType} header (possibly {@code
 *       Type:detail}) and/or the body's {@code __type}, with a {@code message}/{@code Message}:
 *       ResourceNotFoundException 404, InvalidParameterException and InvalidRequestException 400,
 *       AccessDeniedException 403, ThrottlingException 429, InternalServiceException 500.
 * </ul>
 *
 * <p>What it answers: the address of a {@code TELEPHONE_NUMBER} customer endpoint; empty for any
 * other endpoint or none, and for an unknown contact (404 ResourceNotFoundException). Throttling,
 * 5xx, an unreadable answer or a transport failure throw {@link StoreUnavailableException} (the
 * event is retried); 400, 403 and any other 4xx are a configuration problem (instance, role,
 * endpoint) and throw {@link IllegalStateException} saying so. The number itself is never logged
 * nor put in a message.
 */
public final class ConnectContactDirectory implements ContactDirectory {
  /** The SigV4 signing name of Amazon Connect's API (also its IAM prefix, {@code connect:}). */
  public static final String SIGNING_NAME = "connect";

  static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
  private static final String TELEPHONE_NUMBER = "TELEPHONE_NUMBER";
  private static final String INSTANCE_ARN_PREFIX = "arn:";
  private static final String INSTANCE_SEGMENT = ":instance/";

  private static final Log LOG = Log.of(ConnectContactDirectory.class);

  private final SdkHttpClient http;
  private final Region region;
  private final URI endpoint;
  private final SigV4Signing sigV4;

  /**
   * @param endpoint the API's origin, {@code https://connect.<region>.amazonaws.com} or an override
   */
  public ConnectContactDirectory(
      SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
    this.http = Objects.requireNonNull(http, "http");
    this.sigV4 = SigV4Signing.of(credentials, region, SIGNING_NAME);
    this.region = Objects.requireNonNull(region, "region");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * From the environment, as the SDK clients are built ({@link AwsClients}): {@code AWS_REGION},
   * its credentials, and {@code CONNECT_ENDPOINT_URL} when set (the local sandbox), otherwise the
   * region's public endpoint.
   */
  public static ConnectContactDirectory create(
      GatewayConfig config, Environment env, SdkHttpClient http) {
    Region region = AwsClients.region(env);
    return new ConnectContactDirectory(
        http,
        AwsClients.credentials(env),
        region,
        config.connectEndpointUrl().orElseGet(() -> publicEndpoint(region)));
  }

  /** {@code https://connect.<region>.amazonaws.com}. */
  public static URI publicEndpoint(Region region) {
    return URI.create("https://connect." + region.id() + ".amazonaws.com");
  }

  /**
   * The instance id the API wants: the last segment of an instance ARN ({@code
   * arn:aws:connect:<region>:<account>:instance/<id>}), or the value itself when it is no ARN.
   */
  public static String instanceId(String instanceArnOrId) {
    String value = instanceArnOrId == null ? "" : instanceArnOrId.trim();
    if (value.startsWith(INSTANCE_ARN_PREFIX)) {
      int at = value.indexOf(INSTANCE_SEGMENT);
      String id = at < 0 ? "" : value.substring(at + INSTANCE_SEGMENT.length());
      int slash = id.indexOf('/');
      if (slash >= 0) {
        id = id.substring(0, slash);
      }
      if (id.isEmpty()) {
        throw new IllegalArgumentException("not an Amazon Connect instance ARN: " + value);
      }
      return id;
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("the Amazon Connect instance is missing");
    }
    return value;
  }

  @Override
  public Optional<String> customerEndpoint(String instanceArnOrId, String contactId) {
    if (contactId == null || contactId.isBlank()) {
      throw new IllegalArgumentException("the contact id is missing");
    }
    String instance = instanceId(instanceArnOrId);
    Reply reply = send(sign(request(instance, contactId.trim())));
    if (reply.status() == 200) {
      return telephoneNumber(reply, instance);
    }
    String type = errorType(reply);
    String message = errorMessage(reply);
    String what =
        "DescribeContact on instance "
            + instance
            + " answered "
            + reply.status()
            + (type.isEmpty() ? "" : " " + type)
            + (message.isEmpty() ? "" : ": " + message);
    if (reply.status() == 404 && type.equals("ResourceNotFoundException")) {
      LOG.info("connect.contact.unknown").field("instance", instance).write();
      return Optional.empty();
    }
    if (reply.status() == 408 || reply.status() == 429 || reply.status() >= 500) {
      throw new StoreUnavailableException(what + " (retried)", null);
    }
    throw new IllegalStateException(
        what
            + " — a configuration problem: check the instance id, the function role's"
            + " connect:DescribeContact permission and "
            + "CONNECT_ENDPOINT_URL/AWS_REGION");
  }

  private SdkHttpFullRequest request(String instance, String contactId) {
    String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    SdkHttpFullRequest.Builder builder =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .protocol(endpoint.getScheme())
            .host(endpoint.getHost())
            .encodedPath(
                base
                    + "/contacts/"
                    + SdkHttpUtils.urlEncode(instance)
                    + "/"
                    + SdkHttpUtils.urlEncode(contactId))
            .putHeader("Accept", "application/json");
    if (endpoint.getPort() > 0) {
      builder.port(endpoint.getPort());
    }
    return builder.build();
  }

  private SdkHttpRequest sign(SdkHttpFullRequest request) {
    return sigV4.sign(request, null);
  }

  private record Reply(int status, String errorTypeHeader, byte[] body) {}

  private Reply send(SdkHttpRequest request) {
    try {
      HttpExecuteResponse response =
          http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
      byte[] body = ResponseBodies.readAll(response);
      return new Reply(
          response.httpResponse().statusCode(),
          response.httpResponse().firstMatchingHeader(ERROR_TYPE_HEADER).orElse(""),
          body);
    } catch (IOException | UncheckedIOException | SdkClientException e) {
      throw new StoreUnavailableException(
          "Amazon Connect could not be reached for DescribeContact: " + e.getMessage(), e);
    }
  }

  private static Optional<String> telephoneNumber(Reply reply, String instance) {
    JsonNode root;
    try {
      root = JsonTrees.read(reply.body());
    } catch (IOException e) {
      throw new StoreUnavailableException("DescribeContact answered 200 with no JSON", e);
    }
    JsonNode contact = root == null ? null : root.get("Contact");
    if (contact == null || !contact.isObject()) {
      throw new StoreUnavailableException("DescribeContact answered 200 with no Contact", null);
    }
    JsonNode customer = contact.path("CustomerEndpoint");
    String type = customer.path("Type").asText("");
    String address = customer.path("Address").asText("").trim();
    if (!type.equals(TELEPHONE_NUMBER) || address.isEmpty()) {
      LOG.info("connect.contact.no_telephone_number")
          .field("instance", instance)
          .field("endpoint_type", type.isEmpty() ? "none" : type)
          .write();
      return Optional.empty();
    }
    return Optional.of(address);
  }

  /**
   * The error's type: the header, else the body's {@code __type} or {@code code}; a namespace
   * ({@code aws.connect#}) and a detail after {@code :} are dropped.
   */
  static String errorType(String header, JsonNode body) {
    String raw = header == null ? "" : header;
    if (raw.isBlank() && body != null) {
      raw = body.path("__type").asText(body.path("code").asText(""));
    }
    int colon = raw.indexOf(':');
    if (colon >= 0) {
      raw = raw.substring(0, colon);
    }
    int hash = raw.lastIndexOf('#');
    if (hash >= 0) {
      raw = raw.substring(hash + 1);
    }
    return raw.trim();
  }

  private static String errorType(Reply reply) {
    return errorType(reply.errorTypeHeader(), jsonOrNull(reply.body()));
  }

  private static String errorMessage(Reply reply) {
    JsonNode body = jsonOrNull(reply.body());
    if (body == null) {
      return "";
    }
    String message = body.path("message").asText(body.path("Message").asText(""));
    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
  }

  private static JsonNode jsonOrNull(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JsonTrees.read(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ConnectContactDirectory[" + endpoint + ", " + region.id() + "]";
  }
}
