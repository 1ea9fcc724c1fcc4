package dev.frontdoor.domain.outbound;

import dev.frontdoor.domain.whatsapp.StatusApplier;
import dev.frontdoor.logging.Log;
import dev.frontdoor.port.out.GraphApi;
import dev.frontdoor.port.out.SenderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one queued message (docs/data-model.md, 9.4): never a message that has a wamid or a final
 * state; a claim with a lease so two attempts never run at once; permanent errors recorded {@code
 * failed}; retryable ones released for a later attempt; an unanswered request marked {@code
 * unknown} and resent only after the status webhooks had time to prove it was sent. That resend is
 * the one documented way a message can go twice; it is logged as {@code send.possible_duplicate}.
 */
public final class QueuedMessageSender {
  private static final Log LOG = Log.of(QueuedMessageSender.class);
  static final long LEASE_MILLIS = 60_000;
  static final long DEFAULT_UNKNOWN_GRACE_MILLIS = 60_000;

  private final SenderStore store;
  private final GraphApi graph;
  private final StatusApplier statuses;
  private final ThroughputLimiter limiter;
  private final Clock clock;
  private final long unknownGraceMillis;

  public QueuedMessageSender(
      SenderStore store,
      GraphApi graph,
      StatusApplier statuses,
      ThroughputLimiter limiter,
      Clock clock) {
    this(store, graph, statuses, limiter, clock, DEFAULT_UNKNOWN_GRACE_MILLIS);
  }

  /** {@code unknownGraceMillis}: how long an unanswered send waits for Meta's status webhooks. */
  public QueuedMessageSender(
      SenderStore store,
      GraphApi graph,
      StatusApplier statuses,
      ThroughputLimiter limiter,
      Clock clock,
      long unknownGraceMillis) {
    this.store = store;
    this.graph = graph;
    this.statuses = statuses;
    this.limiter = limiter;
    this.clock = clock;
    this.unknownGraceMillis = unknownGraceMillis;
  }

  public Delivery deliver(String messageId, int receiveCount) {
    Instant now = clock.instant();
    Optional<QueuedMessage> found = store.load(messageId, now);
    if (found.isEmpty()) {
      return done(messageId, "gone");
    }
    QueuedMessage message = found.get();
    if (message.wamid().isPresent() || message.statusRank() >= 2) {
      return done(messageId, "already_sent_or_final");
    }
    if (message.status().equals("unknown")) {
      if (now.toEpochMilli() < message.unknownAt() + unknownGraceMillis) {
        return Delivery.retry(30, "waiting_for_status_webhook");
      }
      LOG.warn("send.possible_duplicate").field("message_id", messageId).write();
    }
    if (!store.claim(message.ref(), now, LEASE_MILLIS)) {
      return Delivery.retry(10, "claimed_elsewhere");
    }
    try {
      limiter.acquire(message.businessNumberId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store.release(message.ref());
      return Delivery.retry(1, "interrupted");
    }
    GraphResult result = graph.send(message.businessNumberId(), requestBody(message));
    if (result instanceof GraphResult.Accepted accepted) {
      store.recordAccepted(message.ref(), accepted.wamid(), now);
      statuses.recordWamid(accepted.wamid(), message.ref(), now);
      return done(messageId, "accepted");
    }
    if (result instanceof GraphResult.Rejected rejected) {
      return rejected(message, rejected, receiveCount, now);
    }
    GraphResult.Unreachable unreachable = (GraphResult.Unreachable) result;
    if (unreachable.requestSent()) {
      store.recordUnknown(message.ref(), now);
      LOG.warn("send.outcome_unknown")
          .field("message_id", messageId)
          .field("reason", unreachable.reason())
          .write();
      return Delivery.retry((int) Math.max(1, unknownGraceMillis / 1000), "unknown");
    }
    store.release(message.ref());
    return Delivery.retry(backoff(receiveCount), "unreachable");
  }

  private Delivery rejected(
      QueuedMessage message, GraphResult.Rejected rejected, int receiveCount, Instant now) {
    switch (rejected.errorClass()) {
      case RETRY -> {
        store.release(message.ref());
        LOG.info("send.throttled_or_retryable")
            .field("message_id", message.messageId())
            .field("code", rejected.code())
            .write();
        return Delivery.retry(backoff(receiveCount), "retry_" + rejected.code());
      }
      case ALARM -> {
        store.recordFailed(message.ref(), rejected.code(), rejected.title(), now);
        // The alarm metric: a CloudWatch metric filter counts this event.
        LOG.error("send.alarm")
            .field("message_id", message.messageId())
            .field("code", rejected.code())
            .write();
        return done(message.messageId(), "failed_" + rejected.code());
      }
      default -> {
        store.recordFailed(message.ref(), rejected.code(), rejected.title(), now);
        return done(message.messageId(), "failed_" + rejected.code());
      }
    }
  }

  /** Exponential backoff by delivery attempt: 2, 4, 8, ... seconds, at most 5 minutes. */
  static int backoff(int receiveCount) {
    return (int) Math.min(300, 1L << Math.min(8, Math.max(1, receiveCount)));
  }

  private static Map<String, Object> requestBody(QueuedMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", message.ref().customer().waId());
    body.putAll(message.payload());
    body.put("biz_opaque_callback_data", message.messageId());
    return body;
  }

  private static Delivery done(String messageId, String outcome) {
    LOG.info("send.done").field("message_id", messageId).field("outcome", outcome).write();
    return Delivery.done(outcome);
  }
}
