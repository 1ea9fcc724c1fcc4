package dev.frontdoor.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.config.Environment;
import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.InvalidPhoneNumberException;
import dev.frontdoor.domain.thread.Cursor;
import dev.frontdoor.domain.thread.StoreUnavailableException;
import dev.frontdoor.domain.thread.ThreadQuery;
import dev.frontdoor.domain.thread.ThreadReading;
import dev.frontdoor.domain.thread.ThreadView;
import dev.frontdoor.functions.http.BearerAuth;
import dev.frontdoor.functions.http.HttpApiRequest;
import dev.frontdoor.functions.http.HttpApiResponse;
import dev.frontdoor.functions.http.HttpFunction;
import dev.frontdoor.functions.http.Json;
import dev.frontdoor.port.in.ReadThread;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** The internal {@code /v1} API (bearer tokens): today {@code GET /v1/threads/{phone}}. */
public final class ApiHandler extends HttpFunction {
  private final BearerAuth auth;
  private final ReadThread threads;
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
        wiring.config().defaultRegion());
  }

  public ApiHandler(BearerAuth auth, ReadThread threads, String defaultRegion) {
    this.auth = auth;
    this.threads = threads;
    this.defaultRegion = defaultRegion;
  }

  @Override
  protected HttpApiResponse handle(HttpApiRequest request) {
    Optional<HttpApiResponse> refused = auth.refuse(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    if ("GET /v1/threads/{phone}".equals(request.routeKey())) {
      return readThread(request);
    }
    return HttpApiResponse.error(404, "no such route");
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
              Optional.ofNullable(request.query("before")).map(Cursor::decode),
              Optional.ofNullable(request.query("after")).map(Cursor::decode),
              limit(request.query("limit")));
    } catch (InvalidPhoneNumberException e) {
      return HttpApiResponse.error(400, "phone: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return HttpApiResponse.error(400, e.getMessage());
    }
    try {
      return HttpApiResponse.json(200, encode(threads.read(query)));
    } catch (StoreUnavailableException e) {
      return HttpApiResponse.storeUnavailable();
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
