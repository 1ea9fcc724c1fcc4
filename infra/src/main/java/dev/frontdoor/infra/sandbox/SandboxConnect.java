package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Amazon Connect's {@code DescribeContact} ({@code GET
 * /contacts/{InstanceId}/{ContactId}}, restJson1): the one Connect call the gateway makes, to find
 * a contact's customer number. Listens on 127.0.0.1 only; point {@code CONNECT_ENDPOINT_URL} at
 * {@link #baseUri()}.
 *
 * <ul>
 *   <li>{@code GET /contacts/{InstanceId}/{ContactId}}: a registered contact answers 200 {@code
 *       {"Contact": {"Id", "Arn", "Channel": "VOICE", "InitiationMethod": "INBOUND",
 *       "CustomerEndpoint": {"Type", "Address"}, ...}}}; any other 404 with {@code
 *       x-amzn-ErrorType: ResourceNotFoundException}. The request must be SigV4-signed for service
 *       {@code connect} ({@code Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>
 *       /connect/aws4_request, ...} and {@code x-amz-date}), else 403 as AWS answers (the signature
 *       itself is not checked: the sandbox has no secret).
 *   <li>{@code PUT /local/connect/contacts/{InstanceId}/{ContactId}} (local admin): registers a
 *       contact. Body {@code {"customer_number": "+27821234567"}} (a {@code TELEPHONE_NUMBER}
 *       endpoint), or {@code {"endpoint_type": "VOIP", "address": "sip:..."}} for another kind, or
 *       {@code {}} for a contact with no customer endpoint (withheld caller id). Answers 200 with
 *       the contact as DescribeContact will show it.
 *   <li>{@code DELETE /local/connect/contacts/{InstanceId}/{ContactId}}: forgets it (204).
 * </ul>
 *
 * <p>The instance may be given as an id or as its ARN ({@code arn:aws:connect:...:instance/<id>}).
 * {@link #faults()} makes the next DescribeContact requests fail (429 ThrottlingException, 500
 * InternalServiceException, a disconnect, a delay); the admin routes are never faulted.
 */
public final class SandboxConnect implements AutoCloseable {
  public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

  /** What real Connect appends to the error type in its header. */
  private static final String ERROR_TYPE_SUFFIX =
      ":http://internal.amazon.com/coral/com.amazonaws.connect/";

  private static final Log LOG = Log.of(SandboxConnect.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DESCRIBE = Pattern.compile("^/contacts/([^/]+)/([^/]+)/?$");
  private static final Pattern ADMIN =
      Pattern.compile("^/local/connect/contacts/([^/]+)/([^/]+)/?$");
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final String ACCOUNT = "000000000000";

  /** The region the admin route's answer names (DescribeContact uses the request's region). */
  private static final String ADMIN_REGION = "af-south-1";

  private static final int MAX_ADDRESS = 256;

  /** One contact as registered: {@code endpointType} and {@code address} may be null (none). */
  public record Contact(
      String instanceId, String contactId, String endpointType, String address, Instant started) {}

  /** One DescribeContact request as received, with the scope it was signed for. */
  public record SignedCall(
      String method,
      String path,
      String authorization,
      String amzDate,
      String accessKeyId,
      String region,
      String service) {

    /** True when it carried a SigV4 header scoped to service {@code connect} and an x-amz-date. */
    public boolean signedForConnect() {
      return authorization != null
          && authorization.startsWith("AWS4-HMAC-SHA256 ")
          && "connect".equals(service)
          && amzDate != null
          && !amzDate.isBlank();
    }
  }

  private final HttpServer server;
  private final ExecutorService workers;
  private final Faults faults = new Faults();
  private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
  private final List<SignedCall> calls = new ArrayList<>();

  private SandboxConnect(int port) throws IOException {
    this.workers = Executors.newCachedThreadPool(StatusCallbacks.daemonThreads("sandbox-connect"));
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the sandbox on {@code port} of 127.0.0.1; 0 picks a free port. */
  public static SandboxConnect start(int port) {
    try {
      return new SandboxConnect(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox Connect API", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}: the value of {@code CONNECT_ENDPOINT_URL}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public Faults faults() {
    return faults;
  }

  /** Registers (or replaces) a voice contact whose customer is {@code customerNumber}. */
  public Contact registerContact(String instance, String contactId, String customerNumber) {
    return register(instance, contactId, "TELEPHONE_NUMBER", customerNumber);
  }

  /**
   * Registers (or replaces) a contact with any customer endpoint; {@code endpointType} null for a
   * contact without one.
   */
  public Contact register(String instance, String contactId, String endpointType, String address) {
    String id = instanceId(instance);
    if (id.isEmpty() || contactId == null || contactId.isBlank()) {
      throw new IllegalArgumentException("an instance and a contact id are required");
    }
    Contact contact =
        new Contact(
            id,
            contactId.trim(),
            endpointType,
            address,
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    contacts.put(key(id, contact.contactId()), contact);
    return contact;
  }

  public boolean forget(String instance, String contactId) {
    return contacts.remove(key(instanceId(instance), contactId)) != null;
  }

  public Optional<Contact> contact(String instance, String contactId) {
    return Optional.ofNullable(contacts.get(key(instanceId(instance), contactId)));
  }

  /** Every DescribeContact request received, oldest first (faulted ones included). */
  public synchronized List<SignedCall> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  /** The id in an instance ARN ({@code ...:instance/<id>}), or the value itself. */
  static String instanceId(String instance) {
    String value = instance == null ? "" : instance.trim();
    int at = value.indexOf(":instance/");
    if (value.startsWith("arn:") && at >= 0) {
      String id = value.substring(at + ":instance/".length());
      int slash = id.indexOf('/');
      return slash < 0 ? id : id.substring(0, slash);
    }
    return value;
  }

  private static String key(String instanceId, String contactId) {
    return instanceId + "/" + (contactId == null ? "" : contactId.trim());
  }

  private record Answer(int status, String errorType, JsonNode body) {}

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = readAll(exchange.getRequestBody());
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      Matcher admin = ADMIN.matcher(path);
      if (admin.matches()) {
        answer(exchange, admin(method, decode(admin.group(1)), decode(admin.group(2)), body));
        return;
      }
      Matcher describe = DESCRIBE.matcher(path);
      if (!describe.matches() || !method.equals("GET")) {
        answer(exchange, error(404, "UnknownOperationException", "No operation at " + path));
        return;
      }
      SignedCall call = signedCall(exchange, path);
      synchronized (this) {
        calls.add(call);
      }
      Faults.Fault fault = faults.take();
      if (fault instanceof Faults.Disconnect) {
        return; // closing an exchange that sent no headers closes the connection
      } else if (fault instanceof Faults.Error failure) {
        answer(exchange, error(failure.httpStatus(), errorTypeFor(failure), failure.message()));
        return;
      } else if (fault instanceof Faults.Delay delay) {
        Thread.sleep(delay.duration().toMillis());
      }
      answer(exchange, describe(call, decode(describe.group(1)), decode(describe.group(2))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("sandbox.connect.request.failed").error(e).write();
      answer(exchange, error(500, "InternalServiceException", "Request processing failed"));
    } finally {
      exchange.close();
    }
  }

  private Answer describe(SignedCall call, String instance, String contactId) {
    if (call.authorization() == null || call.authorization().isBlank()) {
      return error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    if (!call.authorization().startsWith("AWS4-HMAC-SHA256 ") || call.service() == null) {
      return error(
          403,
          "IncompleteSignatureException",
          "Authorization header requires a SigV4 'Credential' parameter.");
    }
    if (!call.service().equals("connect")) {
      return error(
          403,
          "InvalidSignatureException",
          "Credential should be scoped to correct service: 'connect'.");
    }
    if (call.amzDate() == null || call.amzDate().isBlank()) {
      return error(
          403,
          "IncompleteSignatureException",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Contact contact = contacts.get(key(instanceId(instance), contactId));
    if (contact == null) {
      return error(404, "ResourceNotFoundException", "Contact not found");
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("Contact", contactJson(contact, call.region()));
    return new Answer(200, null, root);
  }

  private static ObjectNode contactJson(Contact contact, String region) {
    String instanceArn =
        "arn:aws:connect:" + region + ":" + ACCOUNT + ":instance/" + contact.instanceId();
    ObjectNode json = JSON.createObjectNode();
    json.put("Arn", instanceArn + "/contact/" + contact.contactId())
        .put("Id", contact.contactId())
        .put("InitialContactId", contact.contactId())
        .put("Channel", "VOICE")
        .put("InitiationMethod", "INBOUND")
        .put("InitiationTimestamp", contact.started().getEpochSecond())
        .put("LastUpdateTimestamp", contact.started().getEpochSecond());
    if (contact.endpointType() != null) {
      ObjectNode endpoint = json.putObject("CustomerEndpoint").put("Type", contact.endpointType());
      if (contact.address() != null) {
        endpoint.put("Address", contact.address());
      }
    }
    return json;
  }

  private Answer admin(String method, String instance, String contactId, byte[] raw) {
    if (method.equals("DELETE")) {
      forget(instance, contactId);
      return new Answer(204, null, null);
    }
    if (!method.equals("PUT")) {
      return error(405, "InvalidRequestException", "Use PUT or DELETE on this route");
    }
    JsonNode body;
    try {
      body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      return error(400, "InvalidParameterException", "The body must be a JSON object.");
    }
    Optional<String> number = text(body, "customer_number");
    Optional<String> type = text(body, "endpoint_type");
    Optional<String> address = text(body, "address");
    if (number.isPresent() && (type.isPresent() || address.isPresent())) {
      return error(
          400,
          "InvalidParameterException",
          "Give customer_number, or endpoint_type with address, not both.");
    }
    if (number.map(String::length).orElse(0) > MAX_ADDRESS
        || address.map(String::length).orElse(0) > MAX_ADDRESS) {
      return error(400, "InvalidParameterException", "The address is longer than 256 characters.");
    }
    Contact contact =
        number.isPresent()
            ? registerContact(instance, contactId, number.get())
            : register(instance, contactId, type.orElse(null), address.orElse(null));
    ObjectNode answer = JSON.createObjectNode();
    answer.set("Contact", contactJson(contact, ADMIN_REGION));
    return new Answer(200, null, answer);
  }

  private static Optional<String> text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText().trim());
  }

  private static SignedCall signedCall(HttpExchange exchange, String path) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    String key = null;
    String region = null;
    String service = null;
    if (authorization != null) {
      Matcher credential = CREDENTIAL.matcher(authorization);
      if (credential.find()) {
        key = credential.group(1);
        region = credential.group(3);
        service = credential.group(4);
      }
    }
    return new SignedCall(
        exchange.getRequestMethod(), path, authorization, amzDate, key, region, service);
  }

  private static String errorTypeFor(Faults.Error failure) {
    int status = failure.httpStatus();
    if (status == 429) {
      return "ThrottlingException";
    } else if (status == 404) {
      return "ResourceNotFoundException";
    } else if (status == 403) {
      return "AccessDeniedException";
    } else if (status == 400) {
      return "InvalidRequestException";
    }
    return "InternalServiceException";
  }

  private static Answer error(int status, String type, String message) {
    return new Answer(status, type, JSON.createObjectNode().put("message", message));
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, Answer answer) throws IOException {
    if (answer.errorType() != null) {
      exchange.getResponseHeaders().set(ERROR_TYPE_HEADER, answer.errorType() + ERROR_TYPE_SUFFIX);
    }
    if (answer.body() == null) {
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(answer.body());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
