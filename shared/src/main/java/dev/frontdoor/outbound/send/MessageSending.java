package dev.frontdoor.outbound.send;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.common.Chars;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.Digests;
import dev.frontdoor.logging.Log;
import dev.frontdoor.outbound.port.out.OutboundQueue;
import dev.frontdoor.outbound.send.port.in.SendMessage;
import dev.frontdoor.outbound.send.port.out.IdempotencyStore;
import dev.frontdoor.threads.ThreadState;
import dev.frontdoor.threads.port.out.CustomerStore;
import dev.frontdoor.threads.port.out.MessageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The send API's use case (docs/data-model.md, 9.4): idempotency key, service window and opt-out
 * rules, the message recorded as {@code queued} before it is queued. Every step is idempotent, so a
 * retry with the same key after a crash resumes with the same message id.
 */
public final class MessageSending implements SendMessage {
  private static final Log LOG = Log.of(MessageSending.class);

  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final SendRequestReader requests;
  private final IdempotencyStore idempotency;
  private final CustomerStore customers;
  private final MessageStore messages;
  private final OutboundQueue queue;
  private final CustomerRefs refs;
  private final Clock clock;

  public MessageSending(
      SendRequestReader requests,
      IdempotencyStore idempotency,
      CustomerStore customers,
      MessageStore messages,
      OutboundQueue queue,
      CustomerRefs refs,
      Clock clock) {
    this.requests = requests;
    this.idempotency = idempotency;
    this.customers = customers;
    this.messages = messages;
    this.queue = queue;
    this.refs = refs;
    this.clock = clock;
  }

  @Override
  public SendOutcome send(SendCommand command) {
    Optional<String> key = command.idempotencyKey();
    if (key.isPresent() && !Chars.visibleAscii(key.get(), 1, MAX_IDEMPOTENCY_KEY)) {
      return SendOutcome.refused(
          SendOutcome.Reason.INVALID_REQUEST,
          "Idempotency-Key: 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters");
    }
    SendRequest request;
    try {
      request = requests.read(command.body()).summarizing(command.summaryOfCallId());
    } catch (InvalidSendRequestException e) {
      return SendOutcome.refused(SendOutcome.Reason.INVALID_REQUEST, e.getMessage());
    }
    return send(command.apiClient(), key, request);
  }

  /** A validated request (the API's, or one Frontdoor composes itself). */
  public SendOutcome send(String apiClient, Optional<String> idempotencyKey, SendRequest request) {
    Instant now = clock.instant();
    String messageId = UlidCreator.getMonotonicUlid(now.toEpochMilli()).toString();
    if (idempotencyKey.isPresent()) {
      String hash = Digests.sha256Hex(request.canonicalJson());
      IdempotencyClaim claim =
          idempotency.claimIdempotencyKey(apiClient, idempotencyKey.get(), hash, messageId, now);
      if (!claim.isNew()) {
        if (!claim.requestHash().equals(hash)) {
          return SendOutcome.refused(
              SendOutcome.Reason.IDEMPOTENCY_KEY_REUSED,
              "this Idempotency-Key was used for a different request");
        }
        if (claim.answer().isPresent()) {
          return claim.answer().get();
        }
        messageId = claim.messageId();
      }
    }
    SendOutcome outcome = decide(apiClient, idempotencyKey, request, messageId, now);
    idempotencyKey.ifPresent(key -> idempotency.completeIdempotencyKey(apiClient, key, outcome));
    LOG.info("send.answered")
        .field("code", outcome.code())
        .field("message_id", outcome.messageId())
        .field("type", request.type())
        .phone("to", request.customer().e164())
        .write();
    return outcome;
  }

  private SendOutcome decide(
      String apiClient,
      Optional<String> idempotencyKey,
      SendRequest request,
      String messageId,
      Instant now) {
    ThreadState state = customers.threadState(request.customer(), request.businessNumberId(), now);
    if (request.isTemplate() && state.optedOut()) {
      return SendOutcome.refused(
          SendOutcome.Reason.OPTED_OUT,
          "the customer opted out of business-initiated messages; replies inside the service"
              + " window are still allowed");
    }
    if (!request.isTemplate()
        && !state.windowOpen(request.businessNumberId(), now.toEpochMilli())) {
      return SendOutcome.refused(
          SendOutcome.Reason.WINDOW_CLOSED,
          "the 24-hour customer service window with this customer is closed: only an approved"
              + " template can be sent until the customer writes again");
    }
    messages.putQueuedMessage(messageId, request, apiClient, idempotencyKey, now);
    queue.enqueue(messageId, refs.of(request.customer()));
    return SendOutcome.queued(messageId);
  }
}
