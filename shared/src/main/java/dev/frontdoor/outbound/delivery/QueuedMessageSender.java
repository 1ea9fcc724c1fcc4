package dev.frontdoor.outbound.delivery;

import dev.frontdoor.logging.Log;
import dev.frontdoor.outbound.QueuedMessage;
import dev.frontdoor.outbound.delivery.port.out.DeadLetters;
import dev.frontdoor.outbound.delivery.port.out.GraphApi;
import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.threads.StatusApplier;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one queued message (docs/data-model.md, 9.4): never a message that has a wamid or a final
 * state; a claim with a lease so two attempts never run at once; the customer's pair rate, then the
 * number's throughput; permanent errors recorded {@code failed}; retryable ones released for a
 * later attempt; the last attempt dead-lettered with its reason. A send whose outcome is unknown
 * (no answer, or its attempt died holding the claim) is resent only after the status webhooks had
 * time to prove it was sent; that resend is the one documented way a message can go twice and is
 * logged as {@code send.possible_duplicate}.
 */
public final class QueuedMessageSender {
  private static final Log LOG = Log.of(QueuedMessageSender.class);

  /** A pair-pacing wait up to this long is slept through; a longer one goes back to the queue. */
  static final long SLEEP_FOR_PACE_MILLIS = 250;

  /** A send that starts later than its pair slot by more than this moves the slot with it. */
  static final long PAIR_LATE_MILLIS = 40;

  static final String OPTED_OUT =
      "the customer opted out of business-initiated messages before it was sent";

  private final SenderStore store;
  private final GraphApi graph;
  private final StatusApplier statuses;
  private final ThroughputLimiter limiter;
  private final PairPacer pairs;
  private final DeadLetters deadLetters;
  private final Clock clock;
  private final SenderSettings settings;

  public QueuedMessageSender(
      SenderStore store,
      GraphApi graph,
      StatusApplier statuses,
      ThroughputLimiter limiter,
      DeadLetters deadLetters,
      Clock clock,
      SenderSettings settings) {
    this.store = store;
    this.graph = graph;
    this.statuses = statuses;
    this.limiter = limiter;
    this.pairs = new PairPacer(store, settings.pairIntervalMillis(), settings.pairBurst());
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * One attempt at the message of one queue record. {@code group} is the record's message group;
   * {@code receiveCount} its delivery count. The message is dead-lettered, with the reason, after
   * its last send attempt ({@code maxAttempts}) or on the queue's last receive ({@code
   * maxReceives}), whichever comes first.
   */
  public Delivery deliver(String messageId, String group, int receiveCount) {
    Instant now = clock.instant();
    Optional<QueuedMessage> found = store.load(messageId, now);
    if (found.isEmpty()) {
      return done(messageId, "gone");
    }
    QueuedMessage message = found.get();
    Delivery delivery = attempt(message, now);
    boolean attemptsUsed =
        delivery.sendAttempted() && message.attempts() + 1 >= settings.maxAttempts();
    // The queue's last receive dead-letters too, so the message carries a reason even when it
    // never got a turn (a customer's later messages are received while the first one waits).
    if (delivery.done() || (!attemptsUsed && receiveCount < settings.maxReceives())) {
      return delivery;
    }
    int attempts = message.attempts() + (delivery.sendAttempted() ? 1 : 0);
    deadLetters.deadLetter(messageId, group, delivery.outcome(), receiveCount, attempts);
    store.recordDeadLettered(message.ref(), delivery.outcome(), now);
    LOG.error("send.dead_lettered")
        .field("message_id", messageId)
        .field("reason", delivery.outcome())
        .field("receives", receiveCount)
        .field("attempts", attempts)
        .write();
    return Delivery.done("dead_lettered");
  }

  private Delivery attempt(QueuedMessage message, Instant now) {
    String messageId = message.messageId();
    long nowMillis = now.toEpochMilli();
    if (message.wamid().isPresent() || message.statusRank() >= 2) {
      return done(messageId, "already_sent_or_final");
    }
    if (message.isTemplate() && store.optedOut(message.ref().customer(), now)) {
      // A STOP that came while it waited (in the queue, a backoff or the dead-letter queue): the
      // API's check at submission is not enough. Replies inside the window still go.
      store.recordNotSent(message.ref(), "opted_out", OPTED_OUT, now);
      return done(messageId, "opted_out");
    }
    if (message.outcomeUnknown()) {
      if (nowMillis < message.unknownAt() + settings.unknownGraceMillis()) {
        return Delivery.retry(
            seconds(message.unknownAt() + settings.unknownGraceMillis() - nowMillis),
            "waiting_for_status_webhook");
      }
      LOG.warn("send.possible_duplicate")
          .field("message_id", messageId)
          .field("after", "no_answer")
          .write();
    } else if (message.abandoned(nowMillis)) {
      // The lease outlasts any attempt, and the status webhooks had that long to arrive.
      LOG.warn("send.possible_duplicate")
          .field("message_id", messageId)
          .field("after", "attempt_died")
          .write();
    }
    // The number's next send time first, so the customer's pair slot is stamped with the time the
    // send will really start, not with a time a long wait for the number's schedule has passed.
    String number = message.businessNumberId();
    long at;
    try {
      at = limiter.time(number);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Delivery.retry(1, "interrupted");
    }
    if (at == ThroughputLimiter.NO_TIME) {
      // Other instances hold the schedule as far ahead as it goes: wait in the queue, not here.
      return Delivery.retry(2, "throughput_busy");
    }
    long startMillis = Math.max(nowMillis, at / 1000);
    PairPacer.Slot slot = pairs.reserve(message.ref(), number, startMillis, SLEEP_FOR_PACE_MILLIS);
    if (!slot.reserved()) {
      limiter.giveBack(number, at);
      return Delivery.retry(seconds(startMillis + slot.waitMillis() - nowMillis), "pair_paced");
    }
    if (!store.claim(message.ref(), now, settings.leaseMillis())) {
      limiter.giveBack(number, at);
      pairs.giveBack(message.ref(), number, slot);
      return Delivery.retry(10, "claimed_elsewhere");
    }
    long plannedMillis = startMillis + slot.waitMillis();
    try {
      if (slot.waitMillis() > 0) {
        // The customer's slot comes after the number's time: that time goes to another send.
        limiter.giveBack(number, at);
        Thread.sleep(Math.max(0, plannedMillis - clock.millis()));
        limiter.acquire(number);
      } else if (!limiter.startAt(number, at)) {
        limiter.acquire(number);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return notSent(message, slot, Delivery.retryAfterAttempt(1, "interrupted"));
    }
    long late = clock.millis() - plannedMillis;
    if (clock.millis() + settings.graphTimeoutMillis() + 1_000
        > nowMillis + settings.leaseMillis()) {
      // The call could outlive the claim and race a second attempt: not sent, so no harm to stop.
      return notSent(message, slot, Delivery.retryAfterAttempt(1, "lease_too_short"));
    }
    GraphResult result = graph.send(message.businessNumberId(), requestBody(message));
    boolean budgetSpent = !pairBudgetUnspent(result);
    if (!budgetSpent) {
      pairs.giveBack(message.ref(), message.businessNumberId(), slot);
    }
    if (result instanceof GraphResult.Accepted accepted) {
      // Recorded first: until the wamid is, a crash would leave a send that may go twice.
      store.recordAccepted(message.ref(), accepted.wamid(), now);
      statuses.recordWamid(accepted.wamid(), message.ref(), now);
    }
    if (budgetSpent && late > PAIR_LATE_MILLIS) {
      // Rare (a late wake-up, or a pair wait): the slot moves to the real start. After the call
      // and its record, so no table write stands between the number's time and the request (Meta
      // counts arrivals) nor between Meta's acceptance and its record; the customer's next send
      // cannot start before this one ends (the FIFO group).
      pairs.moveLater(message.ref(), number, slot, late);
    }
    if (result instanceof GraphResult.Accepted) {
      return done(messageId, "accepted");
    }
    if (result instanceof GraphResult.Rejected rejected) {
      return rejected(message, rejected, now);
    }
    GraphResult.Unreachable unreachable = (GraphResult.Unreachable) result;
    if (unreachable.requestSent()) {
      store.recordUnknown(message.ref(), now);
      LOG.warn("send.outcome_unknown")
          .field("message_id", messageId)
          .field("reason", unreachable.reason())
          .write();
      return Delivery.retryAfterAttempt(seconds(settings.unknownGraceMillis()), "outcome_unknown");
    }
    store.release(message.ref());
    return Delivery.retryAfterAttempt(settings.backoff(message.attempts() + 1), "unreachable");
  }

  private Delivery rejected(QueuedMessage message, GraphResult.Rejected rejected, Instant now) {
    switch (rejected.errorClass()) {
      case RETRY -> {
        store.release(message.ref());
        long pause = GraphErrorClass.limiterPauseMillis(rejected.httpStatus(), rejected.code());
        if (pause > 0) {
          limiter.slowDown(message.businessNumberId(), pause);
        }
        LOG.info("send.throttled_or_retryable")
            .field("message_id", message.messageId())
            .field("code", rejected.code())
            .write();
        return Delivery.retryAfterAttempt(
            settings.backoff(message.attempts() + 1), "retry_" + rejected.code());
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

  /**
   * Meta refused the send or never saw it, so the customer's pair budget was not spent; except a
   * pair-rate refusal, after which the next attempt should wait the longer.
   */
  private static boolean pairBudgetUnspent(GraphResult result) {
    if (result instanceof GraphResult.Rejected rejected) {
      return rejected.code() != GraphErrorClass.PAIR_RATE_LIMIT;
    }
    return result instanceof GraphResult.Unreachable unreachable && !unreachable.requestSent();
  }

  private Delivery notSent(QueuedMessage message, PairPacer.Slot slot, Delivery delivery) {
    pairs.giveBack(message.ref(), message.businessNumberId(), slot);
    store.release(message.ref());
    return delivery;
  }

  private static int seconds(long millis) {
    return (int) Math.max(1, (millis + 999) / 1000);
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
