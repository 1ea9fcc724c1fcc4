package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.logging.Log;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.MemorySender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuedMessageSenderTest {
  private static final String BUSINESS = "106540352242922";
  private static final String FIRST = "01JBX5Q8ZK3V7N2M4P6R8T0WA1";
  private static final String SECOND = "01JBX5Q8ZK3V7N2M4P6R8T0WA2";
  private static final String GROUP = "g-1";
  private static final Map<String, Object> TEMPLATE =
      Map.of(
          "type",
          "template",
          "template",
          Map.of("name", "order_update", "language", Map.of("code", "en")));

  private MemorySender ports = new MemorySender();

  @Test
  void deliver_accepted_recordsTheWamidOnce() {
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);

    Delivery delivery = ports.sender.deliver(FIRST, GROUP, 1);

    assertThat(delivery).isEqualTo(Delivery.done("accepted"));
    assertThat(ports.store.item(FIRST).wamid).contains("wamid." + FIRST);
    assertThat(ports.store.item(FIRST).attempts).isEqualTo(1);
  }

  @Test
  void deliver_templateQueuedBeforeTheCustomerOptedOut_isNeverSent() {
    var template = ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    template.payload = TEMPLATE;
    ports.store.optOut(Sensitive.CUSTOMER_E164, true);

    Delivery delivery = ports.sender.deliver(FIRST, GROUP, 1);

    assertThat(delivery).isEqualTo(Delivery.done("opted_out"));
    assertThat(ports.graph.sentMessageIds()).isEmpty();
    assertThat(template.status).isEqualTo("failed");
    assertThat(template.notSentReason).isEqualTo("opted_out");
  }

  @Test
  void deliver_templateRedrivenAfterTheCustomerOptedOut_isNeverSent() {
    var template = ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    template.payload = TEMPLATE;
    template.status = "dead_lettered";
    ports.store.optOut(Sensitive.CUSTOMER_E164, true);

    assertThat(ports.sender.deliver(FIRST, GROUP, 1)).isEqualTo(Delivery.done("opted_out"));
    assertThat(ports.graph.sentMessageIds()).isEmpty();
  }

  @Test
  void deliver_replyInsideTheWindowAfterAStop_isStillSent() {
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    ports.store.optOut(Sensitive.CUSTOMER_E164, true);

    assertThat(ports.sender.deliver(FIRST, GROUP, 1)).isEqualTo(Delivery.done("accepted"));
    assertThat(ports.graph.sentMessageIds()).containsExactly(FIRST);
  }

  @Test
  void deliver_templateAfterTheCustomerOptedBackIn_isSent() {
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS).payload = TEMPLATE;
    ports.store.optOut(Sensitive.CUSTOMER_E164, true);
    ports.store.optOut(Sensitive.CUSTOMER_E164, false);

    assertThat(ports.sender.deliver(FIRST, GROUP, 1)).isEqualTo(Delivery.done("accepted"));
    assertThat(ports.graph.sentMessageIds()).containsExactly(FIRST);
  }

  @Test
  void deliver_messageNotInTheTable_isDone() {
    assertThat(ports.sender.deliver(FIRST, GROUP, 1)).isEqualTo(Delivery.done("gone"));
    assertThat(ports.graph.sentMessageIds()).isEmpty();
  }

  @Test
  void deliver_liveClaimElsewhere_waitsWithoutAnAttempt() {
    var item = ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    item.status = "sending";
    item.leaseUntil = ports.clock.millis() + 30_000;

    Delivery delivery = ports.sender.deliver(FIRST, GROUP, 1);

    assertThat(delivery).isEqualTo(Delivery.retry(10, "claimed_elsewhere"));
    assertThat(ports.graph.sentMessageIds()).isEmpty();
  }

  @Test
  void deliver_abandonedClaim_isSentAgain() {
    var item = ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    item.status = "sending";
    item.leaseUntil = ports.clock.millis() - 1;

    assertThat(ports.sender.deliver(FIRST, GROUP, 2)).isEqualTo(Delivery.done("accepted"));
  }

  @Test
  void deliver_unknownOutcome_waitsForTheStatusWebhooksThenResends() {
    var item = ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    item.status = "unknown";
    item.unknownAt = ports.clock.millis();
    ports.clock.advance(Duration.ofSeconds(20));

    Delivery waiting = ports.sender.deliver(FIRST, GROUP, 2);
    ports.clock.advance(Duration.ofSeconds(41));
    Delivery resent = ports.sender.deliver(FIRST, GROUP, 3);

    assertThat(waiting).isEqualTo(Delivery.retry(40, "waiting_for_status_webhook"));
    assertThat(resent).isEqualTo(Delivery.done("accepted"));
    assertThat(ports.graph.sentMessageIds()).containsExactly(FIRST);
  }

  @Test
  void deliver_customersPairRateSpent_goesBackToTheQueueForTheWait() {
    ports = new MemorySender(SenderSettings.defaults().withPairRate(6_000, 1));
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    ports.store.add(SECOND, Sensitive.CUSTOMER_E164, BUSINESS);

    Delivery first = ports.sender.deliver(FIRST, GROUP, 1);
    Delivery second = ports.sender.deliver(SECOND, GROUP, 1);

    assertThat(first).isEqualTo(Delivery.done("accepted"));
    // 6 s from the number's next send time, which the limiter asks a little ahead of now (the
    // table's answer time, at least 2 ms): whole seconds, rounded up, so never early.
    assertThat(second).isEqualTo(Delivery.retry(7, "pair_paced"));
    assertThat(ports.store.item(SECOND).attempts).isZero();
  }

  @Test
  void deliver_numbersNextTimeLater_stampsTheCustomersPairSlotAtThatTime() {
    // GIVEN the number's schedule booked 400 ms ahead (other sends hold the times before)
    ports = new MemorySender(SenderSettings.defaults().withPairRate(6_000, 1));
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    long nowMillis = ports.clock.millis();
    ports.rateLeases.pause(BUSINESS, nowMillis * 1000, 400_000);

    // WHEN the message is sent at the number's next time
    Delivery delivery = ports.sender.deliver(FIRST, GROUP, 1);

    // THEN the customer's next send is paced from that start, not from when the attempt began
    assertThat(delivery).isEqualTo(Delivery.done("accepted"));
    assertThat(ports.store.pace(Sensitive.CUSTOMER_E164, BUSINESS))
        .isEqualTo(nowMillis + 400 + 6_000);
  }

  @Test
  void deliver_startedLate_movesThePairSlotAfterTheCallAndItsRecord() {
    // GIVEN pair pacing, and a claim so slow that the number's time passes during it
    ports = new MemorySender(SenderSettings.defaults().withPairRate(6_000, 1));
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    ports.store.duringEachClaim(() -> ports.clock.advance(Duration.ofMillis(100)));
    long[] paceDuringTheCall = new long[1];
    ports.graph.duringEachCall(
        () -> paceDuringTheCall[0] = ports.store.pace(Sensitive.CUSTOMER_E164, BUSINESS));
    java.util.List<Boolean> wamidKnownAtTheMove = new java.util.ArrayList<>();
    ports.store.duringEachPaceAdvance(
        () -> wamidKnownAtTheMove.add(ports.store.item(FIRST).wamid.isPresent()));

    // WHEN the send starts about 100 ms after its planned start
    Delivery delivery = ports.sender.deliver(FIRST, GROUP, 1);

    // THEN no table write stood between the number's time and the request (the slot still held
    // the planned start), and the customer's next send is paced from the real start after it
    long realStart = ports.clock.millis();
    assertThat(delivery).isEqualTo(Delivery.done("accepted"));
    assertThat(ports.store.pace(Sensitive.CUSTOMER_E164, BUSINESS)).isEqualTo(realStart + 6_000);
    assertThat(paceDuringTheCall[0]).isLessThan(realStart + 6_000 - 40);
    // AND the move came after Meta's acceptance was recorded (a crash between the two would
    // otherwise leave a send that may go twice)
    assertThat(wamidKnownAtTheMove).containsExactly(true);
  }

  @Test
  void deliver_permanentError_isRecordedFailedAndNeverRetried() {
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    ports.graph.answer(
        FIRST, new GraphResult.Rejected(400, 131026, "Undeliverable", GraphErrorClass.NEVER_RETRY));

    Delivery failed = ports.sender.deliver(FIRST, GROUP, 1);
    Delivery again = ports.sender.deliver(FIRST, GROUP, 2);

    assertThat(failed).isEqualTo(Delivery.done("failed_131026"));
    assertThat(again).isEqualTo(Delivery.done("already_sent_or_final"));
    assertThat(ports.graph.sentMessageIds()).containsExactly(FIRST);
  }

  @Test
  void deliver_alarmingError_writesTheEventTheAlarmCounts_aPermanentOneDoesNot() {
    ports.store.add(FIRST, Sensitive.CUSTOMER_E164, BUSINESS);
    ports.store.add(SECOND, "+27820000002", BUSINESS);
    ports.graph.answer(
        FIRST, new GraphResult.Rejected(400, 131048, "Spam rate limit", GraphErrorClass.ALARM));
    ports.graph.answer(
        SECOND,
        new GraphResult.Rejected(400, 131026, "Undeliverable", GraphErrorClass.NEVER_RETRY));
    List<String> lines = new ArrayList<>();
    Log.setSink(lines::add);
    try {
      ports.sender.deliver(FIRST, GROUP, 1);
      ports.sender.deliver(SECOND, "g-2", 1);
    } finally {
      Log.setSink(System.out::println);
    }

    // template.yaml's alarm metric filter: { $.event = "send.alarm" }
    assertThat(lines.stream().filter(line -> line.contains("\"event\":\"send.alarm\"")))
        .singleElement()
        .asString()
        .contains("\"message_id\":\"" + FIRST + "\"", "\"code\":131048");
    assertThat(ports.store.item(FIRST).failedCode).isEqualTo(131048);
  }
}
