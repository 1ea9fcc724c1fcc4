package dev.frontdoor.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.functions.http.BearerAuth;
import dev.frontdoor.functions.http.HttpApiRequest;
import dev.frontdoor.functions.http.HttpApiResponse;
import dev.frontdoor.functions.http.HttpFunction;
import dev.frontdoor.functions.http.HttpRouter;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.lifecycle.EraseCommand;
import dev.frontdoor.lifecycle.ErasureOutcome;
import dev.frontdoor.lifecycle.ErasureReceipt;
import dev.frontdoor.lifecycle.port.in.EraseCustomer;
import dev.frontdoor.outbound.send.SendCommand;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.port.in.SendMessage;
import dev.frontdoor.threads.MessageAnswer;
import dev.frontdoor.threads.ThreadAnswer;
import dev.frontdoor.threads.ThreadRequest;
import dev.frontdoor.threads.ThreadView;
import dev.frontdoor.threads.port.in.ReadMessage;
import dev.frontdoor.threads.port.in.ReadThread;
import dev.frontdoor.voice.WrapUpCommand;
import dev.frontdoor.voice.WrapUpOutcome;
import dev.frontdoor.voice.port.in.ApproveSummary;
import dev.frontdoor.voice.port.in.FileWrapUp;
import java.util.List;
import java.util.Optional;

/**
 * The internal {@code /v1} API (bearer tokens): threads, sending, a message's status, wrap-ups, and
 * erasure of a customer. Each route decodes the request, calls one use case and encodes its answer.
 * The same routes answer through the HTTP API and through the function's own URL ({@link
 * ApiRoute}).
 */
public final class ApiHandler extends HttpFunction {
  /** By the HTTP API's route key, or by path behind the function URL (route key $default). */
  private static final HttpRouter<ApiRoute> ROUTER =
      new HttpRouter<>(List.of(ApiRoute.values()), ApiRoute::http);

  private final BearerAuth auth;
  private final ReadThread threads;
  private final SendMessage sending;
  private final ReadMessage messages;
  private final FileWrapUp wrapUps;
  private final ApproveSummary approvals;
  private final EraseCustomer erasure;

  public ApiHandler() {
    this(Environment.system());
  }

  public ApiHandler(Environment env) {
    this(new Composition(env));
  }

  private ApiHandler(Composition root) {
    this(
        new BearerAuth(root.config().requireApiTokens()),
        root.readThread(),
        root.sendMessage(),
        root.readMessage(),
        root.fileWrapUp(),
        root.approveSummary(),
        root.eraseCustomer());
  }

  public ApiHandler(
      BearerAuth auth,
      ReadThread threads,
      SendMessage sending,
      ReadMessage messages,
      FileWrapUp wrapUps,
      ApproveSummary approvals,
      EraseCustomer erasure) {
    this.auth = auth;
    this.threads = threads;
    this.sending = sending;
    this.messages = messages;
    this.wrapUps = wrapUps;
    this.approvals = approvals;
    this.erasure = erasure;
  }

  @Override
  protected HttpApiResponse handle(HttpApiRequest request) {
    Optional<HttpApiResponse> refused = auth.refuse(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    HttpRouter.Resolution<ApiRoute> resolution = ROUTER.resolve(request);
    if (resolution instanceof HttpRouter.Unmatched<ApiRoute> unmatched) {
      return unmatched.answer();
    }
    HttpRouter.Matched<ApiRoute> matched = (HttpRouter.Matched<ApiRoute>) resolution;
    HttpApiRequest routed = matched.request();
    try {
      return switch (matched.route()) {
        case READ_THREAD -> readThread(routed);
        case SEND_MESSAGE -> send(routed);
        case READ_MESSAGE -> readMessage(routed);
        case FILE_WRAP_UP -> answer(wrapUps.fileWrapUp(wrapUpCommand(routed)));
        case APPROVE_SUMMARY -> answer(approvals.approve(wrapUpCommand(routed)));
        case ERASE_CUSTOMER -> erase(routed);
      };
    } catch (StoreUnavailableException e) {
      return HttpApiResponse.storeUnavailable();
    }
  }

  private HttpApiResponse send(HttpApiRequest request) {
    SendOutcome outcome =
        sending.send(
            new SendCommand(
                BearerAuth.clientId(request),
                Optional.ofNullable(request.header("idempotency-key")),
                request.body()));
    int status = httpStatus(outcome.reason());
    ObjectNode body = JsonTrees.object();
    if (outcome.isQueued()) {
      body.put("id", outcome.messageId());
      body.put("status", "queued");
    } else if (outcome.reason() == SendOutcome.Reason.INVALID_REQUEST) {
      return HttpApiResponse.error(status, outcome.message());
    } else {
      ObjectNode error = body.putObject("error");
      error.put("status", status);
      error.put("code", outcome.code());
      error.put("message", outcome.message());
    }
    return HttpApiResponse.json(status, JsonTrees.write(body));
  }

  /** The HTTP answer to each send outcome. */
  static int httpStatus(SendOutcome.Reason reason) {
    return switch (reason) {
      case QUEUED -> 202;
      case INVALID_REQUEST -> 400;
      case IDEMPOTENCY_KEY_REUSED -> 409;
      case OPTED_OUT, WINDOW_CLOSED -> 422;
    };
  }

  private static WrapUpCommand wrapUpCommand(HttpApiRequest request) {
    String callId = request.pathParameter("callId");
    return new WrapUpCommand(BearerAuth.clientId(request), callId, request.body());
  }

  /** A wrap-up's or approval's outcome: the call, the reason, and the summary as it stands. */
  private static HttpApiResponse answer(WrapUpOutcome outcome) {
    int status = httpStatus(outcome.reason());
    if (status >= 400) {
      return HttpApiResponse.error(status, outcome.message());
    }
    ObjectNode body = JsonTrees.object();
    body.put("call_id", outcome.callId());
    body.put("status", outcome.reason().name().toLowerCase(java.util.Locale.ROOT));
    body.put("message", outcome.message());
    body.set("summary", JsonTrees.mapper().valueToTree(outcome.summary()));
    return HttpApiResponse.json(status, JsonTrees.write(body));
  }

  /** The HTTP answer to each wrap-up outcome. */
  static int httpStatus(WrapUpOutcome.Reason reason) {
    return switch (reason) {
      case FILED, SUMMARY_QUEUED -> 202;
      case DRAFTED, SUMMARY_NOT_SENT -> 200;
      case INVALID -> 400;
      case CALL_NOT_FOUND -> 404;
      case NO_DRAFT -> 409;
    };
  }

  /** {@code DELETE /v1/customers/{phone}}: the receipt, never the number (data-model 12). */
  private HttpApiResponse erase(HttpApiRequest request) {
    String phone = request.pathParameter("phone");
    ErasureOutcome outcome = erasure.erase(new EraseCommand(BearerAuth.clientId(request), phone));
    int status = httpStatus(outcome.reason());
    if (outcome.receipt().isEmpty()) {
      return HttpApiResponse.error(status, outcome.message());
    }
    ErasureReceipt receipt = outcome.receipt().get();
    ObjectNode body = JsonTrees.object();
    body.put("status", outcome.reason().name().toLowerCase(java.util.Locale.ROOT));
    body.put("message", outcome.message());
    body.put("customer_ref", receipt.customerRef());
    body.put("erased_at", receipt.erasedAt());
    body.set("removed", JsonTrees.mapper().valueToTree(receipt.removed()));
    body.put("total", receipt.total());
    body.set("customer_refs", JsonTrees.mapper().valueToTree(receipt.customerRefs()));
    body.put("passes", receipt.passes());
    return HttpApiResponse.json(status, JsonTrees.write(body));
  }

  /** The HTTP answer to each erasure outcome. */
  static int httpStatus(ErasureOutcome.Reason reason) {
    return switch (reason) {
      case ERASED, NOTHING_TO_ERASE -> 200;
      case INVALID -> 400;
      case INCOMPLETE -> 503;
    };
  }

  private HttpApiResponse readMessage(HttpApiRequest request) {
    MessageAnswer answer = messages.read(request.pathParameter("id"));
    return switch (answer.reason()) {
      case FOUND ->
          HttpApiResponse.json(
              200, JsonTrees.mapper().valueToTree(answer.view().orElseThrow()).toString());
      case NOT_FOUND -> HttpApiResponse.error(404, "no message with this id");
      case INVALID_ID -> HttpApiResponse.error(400, "id: a message id is 26 characters");
    };
  }

  private HttpApiResponse readThread(HttpApiRequest request) {
    String phone = request.pathParameter("phone");
    ThreadAnswer answer =
        threads.read(
            new ThreadRequest(
                phone, request.query("before"), request.query("after"), request.query("limit")));
    return answer
        .page()
        .map(page -> HttpApiResponse.json(200, encode(page)))
        .orElseGet(() -> HttpApiResponse.error(400, answer.refusal()));
  }

  private static String encode(ThreadView view) {
    ObjectNode root = JsonTrees.object();
    root.put("customer", view.customer());
    root.set("thread", JsonTrees.mapper().valueToTree(view.thread()));
    ArrayNode windows = root.putArray("windows");
    for (ThreadView.Window window : view.windows()) {
      ObjectNode node = windows.addObject();
      node.put("business_number_id", window.businessNumberId());
      node.put("last_inbound_at", window.lastInboundAt());
      node.put("closes_at", window.closesAt());
      node.put("open", window.open());
    }
    root.set("items", JsonTrees.mapper().valueToTree(view.items()));
    ObjectNode cursors = root.putObject("cursors");
    view.beforeToken().ifPresent(cursor -> cursors.put("before", cursor));
    view.afterToken().ifPresent(cursor -> cursors.put("after", cursor));
    try {
      return JsonTrees.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
