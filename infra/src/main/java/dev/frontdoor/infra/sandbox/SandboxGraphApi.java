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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local stand-in for Meta's Graph API {@code POST /{version}/{phone-number-id}/messages}: bearer
 * token check, request validation against the spec's schema ({@link MetaMessagesSchema}),
 * throughput and pair rate limits, Meta's success and error bodies, signed status webhooks, and
 * fault injection; and the media endpoints ({@link SandboxMedia}). Listens on 127.0.0.1 only.
 */
public final class SandboxGraphApi implements AutoCloseable {
  public static final String VERSION = "v23.0";

  private static final Log LOG = Log.of(SandboxGraphApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MESSAGES = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/messages/?$");
  private static final String BEARER = "bearer ";

  private final SandboxOptions options;
  private final MetaMessagesSchema schema;
  private final HttpServer server;
  private final ExecutorService workers;
  private final StatusCallbacks callbacks;
  private final Faults faults = new Faults();
  private final SandboxMedia media;
  private final Wamids wamids = new Wamids();
  private final ThroughputWindow throughput;
  private final PairPacer pacer;
  private final List<AcceptedMessage> accepted = new ArrayList<>();
  private long throughputRejections;
  private final Map<String, List<Instant>> arrivals = new HashMap<>();
  private long pairRateRejections;

  private SandboxGraphApi(SandboxOptions options, MetaMessagesSchema schema) throws IOException {
    this.options = options;
    this.schema = schema;
    this.throughput = new ThroughputWindow(options.messagesPerSecond());
    this.pacer = new PairPacer(options.pairInterval(), options.pairBurst());
    this.callbacks = options.webhookTarget() == null ? null : new StatusCallbacks(options);
    this.media = new SandboxMedia(options.accessToken(), this::baseUri);
    this.workers = Executors.newCachedThreadPool(StatusCallbacks.daemonThreads("sandbox-graph"));
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a sandbox checking bodies against the spec found through {@code frontdoor.specs}. */
  public static SandboxGraphApi start(SandboxOptions options) {
    return start(options, MetaMessagesSchema.shared());
  }

  public static SandboxGraphApi start(SandboxOptions options, MetaMessagesSchema schema) {
    try {
      return new SandboxGraphApi(options, schema);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox Graph API", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * {@code http://127.0.0.1:<port>}: what the outbound sender uses instead of graph.facebook.com.
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public URI messagesUri(String phoneNumberId) {
    return baseUri().resolve("/" + VERSION + "/" + phoneNumberId + "/messages");
  }

  public Faults faults() {
    return faults;
  }

  /** The media endpoints: register the media a webhook names, make them misbehave. */
  public SandboxMedia media() {
    return media;
  }

  /** Every accepted message, oldest first. */
  public synchronized List<AcceptedMessage> accepted() {
    return List.copyOf(accepted);
  }

  public synchronized Optional<AcceptedMessage> accepted(String wamid) {
    return accepted.stream().filter(m -> m.wamid().equals(wamid)).findFirst();
  }

  /** Requests answered 130429 (throughput) so far. */
  public synchronized long throughputRejections() {
    return throughputRejections;
  }

  /**
   * When each valid send request from {@code phoneNumberId} reached the throughput check (accepted
   * or refused), oldest first: the arrival times a benchmark counts windows on.
   */
  public synchronized List<Instant> arrivals(String phoneNumberId) {
    return List.copyOf(arrivals.getOrDefault(phoneNumberId, List.of()));
  }

  /** Requests answered 131056 (pair rate) so far. */
  public synchronized long pairRateRejections() {
    return pairRateRejections;
  }

  /** Accepted sends per wamid (each wamid is issued once, so any count above 1 is a bug). */
  public synchronized Map<String, Long> sendsPerWamid() {
    return accepted.stream()
        .collect(Collectors.groupingBy(AcceptedMessage::wamid, Collectors.counting()));
  }

  /** Accepted sends per epoch second, for throughput assertions. */
  public synchronized SortedMap<Long, Long> sendsPerSecond() {
    return accepted.stream()
        .collect(
            Collectors.groupingBy(
                m -> m.acceptedAt().getEpochSecond(), TreeMap::new, Collectors.counting()));
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    if (callbacks != null) {
      callbacks.close();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = readAll(exchange.getRequestBody());
      // Media requests never take a send fault: those are for the messages endpoint.
      if (media.handles(exchange)) {
        return;
      }
      Faults.Fault fault = faults.take();
      if (fault instanceof Faults.Disconnect) {
        return; // closing an exchange that sent no headers closes the connection
      } else if (fault instanceof Faults.Error error) {
        respond(exchange, error.httpStatus(), MetaErrors.error(error.code(), error.message()));
        return;
      }
      // Meta counts a send against the number's throughput when it arrives; a slow answer comes
      // after that decision.
      Answer answer = answer(exchange, body);
      if (fault instanceof Faults.Delay delay) {
        Thread.sleep(delay.duration().toMillis());
      }
      if (answer.accepted() != null && callbacks != null) {
        callbacks.schedule(answer.accepted());
      }
      respond(exchange, answer.status(), answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("sandbox.request.failed").error(e).write();
      respond(exchange, 500, MetaErrors.error(1, "An unknown error occurred"));
    } finally {
      exchange.close();
    }
  }

  private record Answer(int status, JsonNode body, AcceptedMessage accepted) {
    Answer(int status, JsonNode body) {
      this(status, body, null);
    }
  }

  private Answer answer(HttpExchange exchange, byte[] raw) {
    String path = exchange.getRequestURI().getPath();
    Matcher route = MESSAGES.matcher(path);
    if (!exchange.getRequestMethod().equals("POST") || !route.matches()) {
      return new Answer(400, MetaErrors.unsupportedRequest(exchange.getRequestMethod(), path));
    }
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new Answer(401, MetaErrors.invalidToken());
    }
    JsonNode body;
    try {
      body = JSON.readTree(raw);
    } catch (IOException e) {
      body = null;
    }
    if (body == null || body.isMissingNode()) {
      return invalid(List.of("The request body is not valid JSON."));
    }
    List<String> problems = schema.validate(body);
    if (!problems.isEmpty()) {
      return invalid(problems);
    }
    String to = body.get("to").asText();
    String waId = to.replaceAll("\\D", "");
    if (waId.length() < 7 || waId.length() > 15) {
      return invalid(List.of("Param to must be a phone number in international format."));
    }
    return send(route.group(2), to, waId, body);
  }

  private Answer send(String phoneNumberId, String to, String waId, JsonNode body) {
    AcceptedMessage message;
    synchronized (this) {
      Instant now = options.clock().instant();
      arrivals.computeIfAbsent(phoneNumberId, id -> new ArrayList<>()).add(now);
      if (!throughput.allows(phoneNumberId, now)) {
        throughputRejections++;
        return new Answer(400, MetaErrors.throughput());
      }
      if (!pacer.allows(phoneNumberId, waId, now)) {
        pairRateRejections++;
        return new Answer(400, MetaErrors.pairRate());
      }
      throughput.record(phoneNumberId, now);
      pacer.record(phoneNumberId, waId, now);
      JsonNode opaque = body.get("biz_opaque_callback_data");
      message =
          new AcceptedMessage(
              wamids.next(waId),
              phoneNumberId,
              to,
              waId,
              body.path("type").asText("text"),
              opaque == null ? null : opaque.asText(),
              now,
              body.deepCopy());
      accepted.add(message);
    }
    ObjectNode answer = JSON.createObjectNode().put("messaging_product", "whatsapp");
    answer.putArray("contacts").addObject().put("input", to).put("wa_id", waId);
    answer.putArray("messages").addObject().put("id", message.wamid());
    return new Answer(200, answer, message);
  }

  private boolean authorized(String header) {
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return false;
    }
    return options.accessToken().matches(header.substring(BEARER.length()).trim());
  }

  private static Answer invalid(List<String> problems) {
    return new Answer(
        400, MetaErrors.invalidParameter(problems.get(0), String.join(" ", problems)));
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
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
