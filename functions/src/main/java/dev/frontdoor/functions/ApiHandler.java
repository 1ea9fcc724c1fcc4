package dev.frontdoor.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.common.Chars;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.InvalidPhoneNumberException;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.config.Environment;
import dev.frontdoor.functions.http.BearerAuth;
import dev.frontdoor.functions.http.HttpApiRequest;
import dev.frontdoor.functions.http.HttpApiResponse;
import dev.frontdoor.functions.http.HttpFunction;
import dev.frontdoor.functions.http.Json;
import dev.frontdoor.outbound.send.BusinessNumbers;
import dev.frontdoor.outbound.send.InvalidSendRequestException;
import dev.frontdoor.outbound.send.MessageSending;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.SendRequestReader;
import dev.frontdoor.outbound.send.port.in.SendMessage;
import dev.frontdoor.threads.Cursor;
import dev.frontdoor.threads.InvalidCursorException;
import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadReading;
import dev.frontdoor.threads.ThreadView;
import dev.frontdoor.threads.port.in.ReadThread;
import dev.frontdoor.threads.port.out.MessageStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The internal {@code /v1} API (bearer tokens): threads, sending, and a message's status. Each
 * route decodes the request, calls one use case and encodes its answer.
 */
public final class ApiHandler extends HttpFunction {
  private final BearerAuth auth;
  private final ReadThread threads;
  private final SendMessage sending;
  private final SendRequestReader sendRequests;
  private final MessageStore messages;
  private final String defaultRegion;

  public ApiHandler() {
    this(Environment.system());
  }

  public ApiHandler(Environment env) {
    this(new Wiring(env));
  }

  private ApiHandler(Wiring wiring) {
    this(
        new BearerAuth(wiring.config().requireApiTokens()),
        new ThreadReading(wiring.threadReader(), Clock.systemUTC()),
        new MessageSending(
            wiring.idempotencyStore(),
            wiring.customerStore(),
            wiring.messageStore(),
            wiring.outboundQueue(),
            wiring.customerRefs(),
            Clock.systemUTC()),
        new SendRequestReader(
            wiring.config().defaultRegion(),
            new BusinessNumbers(wiring.config().metaPhoneNumberIds())),
        wiring.messageStore(),
        wiring.config().defaultRegion());
  }

  public ApiHandler(
      BearerAuth auth,
      ReadThread threads,
      SendMessage sending,
      SendRequestReader sendRequests,
      MessageStore messages,
      String defaultRegion) {
    this.auth = auth;
    this.threads = threads;
    this.sending = sending;
    this.sendRequests = sendRequests;
    this.messages = messages;
    this.defaultRegion = defaultRegion;
  }

  @Override
  protected HttpApiResponse handle(HttpApiRequest request) {
    Optional<HttpApiResponse> refused = auth.refuse(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    try {
      return switch (String.valueOf(request.routeKey())) {
        case "GET /v1/threads/{phone}" -> readThread(request);
        case "POST /v1/messages" -> send(request);
        case "GET /v1/messages/{id}" -> readMessage(request);
        default -> HttpApiResponse.error(404, "no such route");
      };
    } catch (StoreUnavailableException e) {
      return HttpApiResponse.storeUnavailable();
    }
  }

  private HttpApiResponse send(HttpApiRequest request) {
    Optional<String> key = Optional.ofNullable(request.header("idempotency-key"));
    if (key.isPresent() && !Chars.visibleAscii(key.get(), 1, 255)) {
      return HttpApiResponse.error(400, "Idempotency-Key: 1 to 255 visible ASCII characters");
    }
    SendOutcome outcome;
    try {
      outcome = sending.send(BearerAuth.clientId(request), key, sendRequests.read(request.body()));
    } catch (InvalidSendRequestException e) {
      return HttpApiResponse.error(400, e.getMessage());
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (outcome.isQueued()) {
      body.put("id", outcome.messageId());
      body.put("status", "queued");
    } else {
      ObjectNode error = body.putObject("error");
      error.put("status", outcome.status());
      error.put("code", outcome.code());
      error.put("message", outcome.message());
    }
    return HttpApiResponse.json(outcome.status(), body.toString());
  }

  private HttpApiResponse readMessage(HttpApiRequest request) {
    String id = request.pathParameters().getOrDefault("id", "");
    if (!Chars.visibleAscii(id, 26, 26)) {
      return HttpApiResponse.error(400, "id: a message id is 26 characters");
    }
    Optional<Map<String, Object>> view = messages.messageView(id, java.time.Instant.now());
    if (view.isEmpty()) {
      return HttpApiResponse.error(404, "no message with this id");
    }
    return HttpApiResponse.json(200, Json.MAPPER.valueToTree(view.get()).toString());
  }

  private HttpApiResponse readThread(HttpApiRequest request) {
    ThreadQuery query;
    try {
      String phone = request.pathParameters().getOrDefault("phone", "");
      if (phone.contains("%")) {
        phone = URLDecoder.decode(phone, StandardCharsets.UTF_8);
      }
      query =
          new ThreadQuery(
              CustomerNumber.parse(phone, defaultRegion),
              cursor(request, "before"),
              cursor(request, "after"),
              limit(request.query("limit")));
    } catch (InvalidPhoneNumberException e) {
      return HttpApiResponse.error(400, "phone: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return HttpApiResponse.error(400, e.getMessage());
    }
    return HttpApiResponse.json(200, encode(threads.read(query)));
  }

  /** A cursor parameter, refused naming the parameter before anything reaches the table. */
  private static Optional<Cursor> cursor(HttpApiRequest request, String name) {
    try {
      return Optional.ofNullable(request.query(name)).map(Cursor::decode);
    } catch (InvalidCursorException e) {
      throw new InvalidCursorException(name + ": " + e.getMessage());
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return ThreadQuery.DEFAULT_LIMIT;
    }
    if (!value.matches("\\d{1,4}")) {
      throw new IllegalArgumentException("limit must be a whole number");
    }
    return Integer.parseInt(value);
  }

  private static String encode(ThreadView view) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("customer", view.customer());
    root.set("thread", Json.MAPPER.valueToTree(view.thread()));
    ArrayNode windows = root.putArray("windows");
    for (ThreadView.Window window : view.windows()) {
      ObjectNode node = windows.addObject();
      node.put("business_number_id", window.businessNumberId());
      node.put("last_inbound_at", window.lastInboundAt());
      node.put("closes_at", window.closesAt());
      node.put("open", window.open());
    }
    root.set("items", Json.MAPPER.valueToTree(view.items()));
    ObjectNode cursors = root.putObject("cursors");
    view.before().ifPresent(cursor -> cursors.put("before", cursor.encode()));
    view.after().ifPresent(cursor -> cursors.put("after", cursor.encode()));
    try {
      return Json.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
