package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.outbound.delivery.RecordFailure.Reason;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.MemoryDeadLetters.DeadLetter;
import dev.frontdoor.testing.memory.MemoryRetryDelays;
import dev.frontdoor.testing.memory.MemorySender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundBatchDeliveryTest {
  private static final String BUSINESS = "106540352242922";
  private static final String ALICE = Sensitive.CUSTOMER_E164;
  private static final String BOB = Sensitive.SECOND_CUSTOMER_E164;
  private static final Duration PLENTY_OF_TIME = Duration.ofMinutes(5);

  private final ExecutorService lanes = Executors.newFixedThreadPool(4);
  private final MemoryRetryDelays retryDelays = new MemoryRetryDelays();
  private MemorySender ports = new MemorySender();
  private final List<QueuedRecord> records = new ArrayList<>();

  @AfterEach
  void stopLanes() {
    lanes.shutdownNow();
  }

  @Test
  void deliver_oneGroup_sendsItsRecordsInOrder() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA2", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA3", ALICE);

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures()).isEmpty();
    assertThat(ports.graph.sentMessageIds())
        .containsExactly(
            "01JBX5Q8ZK3V7N2M4P6R8T0WA1",
            "01JBX5Q8ZK3V7N2M4P6R8T0WA2",
            "01JBX5Q8ZK3V7N2M4P6R8T0WA3");
  }

  @Test
  void deliver_interleavedGroups_keepEachGroupsOrder() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA2", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB2", BOB);

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures()).isEmpty();
    List<String> sent = ports.graph.sentMessageIds();
    assertThat(sent).hasSize(4);
    assertThat(sent.indexOf("01JBX5Q8ZK3V7N2M4P6R8T0WA1"))
        .isLessThan(sent.indexOf("01JBX5Q8ZK3V7N2M4P6R8T0WA2"));
    assertThat(sent.indexOf("01JBX5Q8ZK3V7N2M4P6R8T0WB1"))
        .isLessThan(sent.indexOf("01JBX5Q8ZK3V7N2M4P6R8T0WB2"));
  }

  @Test
  void deliver_recordNotDone_skipsItsGroupsLaterRecordsButNotOtherGroups() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA2", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB2", BOB);
    ports.graph.answer("01JBX5Q8ZK3V7N2M4P6R8T0WA1", retryable(131000));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.NOT_DONE, 2),
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA2", Reason.BEHIND_GROUP_FAILURE, 2));
    assertThat(ports.graph.sentMessageIds())
        .containsExactlyInAnyOrder(
            "01JBX5Q8ZK3V7N2M4P6R8T0WA1",
            "01JBX5Q8ZK3V7N2M4P6R8T0WB1",
            "01JBX5Q8ZK3V7N2M4P6R8T0WB2");
    assertThat(retryDelays.of("receipt-01JBX5Q8ZK3V7N2M4P6R8T0WA1")).hasValue(2);
    assertThat(retryDelays.of("receipt-01JBX5Q8ZK3V7N2M4P6R8T0WA2")).hasValue(2);
  }

  @Test
  void deliver_recordsNotStartedBeforeTheDeadline_failWithAShortRetry() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA2", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA3", ALICE);
    // 10 s Graph timeout + 5 s after it: with 20 s left, nothing starts after 5 s; a call takes 6
    // s.
    ports.graph.duringEachCall(() -> ports.clock.advance(Duration.ofSeconds(6)));

    BatchOutcome outcome = deliver(Duration.ofSeconds(20));

    assertThat(ports.graph.sentMessageIds()).containsExactly("01JBX5Q8ZK3V7N2M4P6R8T0WA1");
    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA2", Reason.OUT_OF_TIME, 1),
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA3", Reason.BEHIND_GROUP_FAILURE, 1));
    assertThat(retryDelays.of("receipt-01JBX5Q8ZK3V7N2M4P6R8T0WA2")).hasValue(1);
    assertThat(retryDelays.of("receipt-01JBX5Q8ZK3V7N2M4P6R8T0WA3")).hasValue(1);
  }

  @Test
  void deliver_tooLittleTimeLeft_startsNothing() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);

    BatchOutcome outcome = deliver(Duration.ofSeconds(14));

    assertThat(ports.graph.sentMessageIds()).isEmpty();
    assertThat(outcome.failures())
        .extracting(RecordFailure::reason, RecordFailure::retryAfterSeconds)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(Reason.OUT_OF_TIME, 1));
    assertThat(outcome.failedRecordIds())
        .containsExactly("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", "rec-01JBX5Q8ZK3V7N2M4P6R8T0WB1");
  }

  @Test
  void deliver_retryableGraphErrors_backOffByAttempt() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);
    ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WB1").attempts = 2;
    ports.graph.answer("01JBX5Q8ZK3V7N2M4P6R8T0WA1", retryable(131000));
    ports.graph.answer("01JBX5Q8ZK3V7N2M4P6R8T0WB1", retryable(131000));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    // 2 s after the first attempt, 8 s after the third.
    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.NOT_DONE, 2),
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WB1", Reason.NOT_DONE, 8));
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").leaseUntil).isZero();
  }

  @Test
  void deliver_throughputLimitRefusal_retriesAndPausesTheNumbersSchedule() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    ports.graph.answer(
        "01JBX5Q8ZK3V7N2M4P6R8T0WA1",
        new GraphResult.Rejected(400, 130429, "Rate limit hit", GraphErrorClass.RETRY));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures())
        .containsExactly(new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.NOT_DONE, 2));
    assertThat(ports.rateLeases.pausesMicros()).containsExactly(1_000_000L);
  }

  @Test
  void deliver_permanentAndAlarmingGraphErrors_failTheMessageForGoodWithoutRetry() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);
    ports.graph.answer(
        "01JBX5Q8ZK3V7N2M4P6R8T0WA1",
        new GraphResult.Rejected(400, 131026, "Undeliverable", GraphErrorClass.NEVER_RETRY));
    ports.graph.answer(
        "01JBX5Q8ZK3V7N2M4P6R8T0WB1",
        new GraphResult.Rejected(400, 131048, "Spam rate limit", GraphErrorClass.ALARM));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures()).isEmpty();
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").failedCode).isEqualTo(131026);
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WB1").failedCode).isEqualTo(131048);
  }

  @Test
  void deliver_noAnswerAfterSending_waitsTheUnknownGraceBeforeAnyResend() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);
    ports.graph.answer(
        "01JBX5Q8ZK3V7N2M4P6R8T0WA1", new GraphResult.Unreachable("read timed out", true));
    ports.graph.answer(
        "01JBX5Q8ZK3V7N2M4P6R8T0WB1", new GraphResult.Unreachable("connection refused", false));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.NOT_DONE, 60),
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WB1", Reason.NOT_DONE, 2));
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").status).isEqualTo("unknown");
  }

  @Test
  void deliver_messageAlreadySent_isNeverSentAgain() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").wamid = Optional.of("wamid.earlier");
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA2", ALICE);
    deliver(PLENTY_OF_TIME);

    // The queue hands out the second record again (a duplicate receive): still one send.
    BatchOutcome again = deliver(PLENTY_OF_TIME);

    assertThat(again.failures()).isEmpty();
    assertThat(ports.graph.sentMessageIds()).containsExactly("01JBX5Q8ZK3V7N2M4P6R8T0WA2");
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").wamid).contains("wamid.earlier");
  }

  @Test
  void deliver_lastAttemptFails_deadLettersWithTheReason() {
    ports = new MemorySender(SenderSettings.defaults().withPairRate(0, 1).withRetries(3, 30, 300));
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").attempts = 2;
    ports.graph.answer("01JBX5Q8ZK3V7N2M4P6R8T0WA1", retryable(131000));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures()).isEmpty();
    assertThat(ports.deadLetters.letters())
        .containsExactly(
            new DeadLetter("01JBX5Q8ZK3V7N2M4P6R8T0WA1", "g-" + ALICE, "retry_131000", 1, 3));
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1").deadLetterReason)
        .isEqualTo("retry_131000");
  }

  @Test
  void deliver_lastReceiveWhileWaiting_deadLettersWithoutAnAttempt() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE, 30);
    var item = ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WA1");
    item.status = "unknown";
    item.unknownAt = ports.clock.millis();

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures()).isEmpty();
    assertThat(ports.graph.sentMessageIds()).isEmpty();
    assertThat(ports.deadLetters.letters())
        .containsExactly(
            new DeadLetter(
                "01JBX5Q8ZK3V7N2M4P6R8T0WA1", "g-" + ALICE, "waiting_for_status_webhook", 30, 0));
  }

  @Test
  void deliver_unreadableRecord_failsForTheRedrivePolicyAndHoldsItsGroup() {
    records.add(
        new QueuedRecord("rec-foreign", "receipt-foreign", Optional.empty(), "g-" + ALICE, 1));
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-foreign", Reason.UNREADABLE, 60),
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.BEHIND_GROUP_FAILURE, 60));
    // Its own visibility is left to the queue, so the redrive policy counts its receives.
    assertThat(retryDelays.of("receipt-foreign")).isEmpty();
    assertThat(ports.graph.sentMessageIds()).isEmpty();
  }

  @Test
  void deliver_tableDown_failsTheRecordSoon() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    ports.store.goUnavailable();

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.STORE_UNAVAILABLE, 5));
  }

  @Test
  void deliver_unexpectedErrorInOneGroup_isContainedToIt() {
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WA1", ALICE);
    queue("01JBX5Q8ZK3V7N2M4P6R8T0WB1", BOB);
    ports.graph.fail("01JBX5Q8ZK3V7N2M4P6R8T0WA1", new IllegalStateException("adapter bug"));

    BatchOutcome outcome = deliver(PLENTY_OF_TIME);

    assertThat(outcome.failures())
        .containsExactly(
            new RecordFailure("rec-01JBX5Q8ZK3V7N2M4P6R8T0WA1", Reason.UNEXPECTED_ERROR, 10));
    assertThat(ports.store.item("01JBX5Q8ZK3V7N2M4P6R8T0WB1").wamid).isPresent();
  }

  private void queue(String messageId, String customer) {
    queue(messageId, customer, 1);
  }

  private void queue(String messageId, String customer, int receiveCount) {
    ports.store.add(messageId, customer, BUSINESS);
    records.add(
        new QueuedRecord(
            "rec-" + messageId,
            "receipt-" + messageId,
            Optional.of(messageId),
            "g-" + customer,
            receiveCount));
  }

  private BatchOutcome deliver(Duration timeLeft) {
    OutboundBatchDelivery delivery =
        new OutboundBatchDelivery(
            ports.sender, retryDelays, lanes, ports.clock, ports.settings.graphTimeoutMillis());
    return delivery.deliver(new OutboundBatch(records, timeLeft));
  }

  private static GraphResult retryable(int code) {
    return new GraphResult.Rejected(400, code, "Try again later", GraphErrorClass.RETRY);
  }
}
