package dev.frontdoor.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.outbound.QueuedMessage;
import dev.frontdoor.outbound.delivery.port.out.SenderStore;
import dev.frontdoor.threads.MessageRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pair-rate arithmetic; DynamoDB's conditional writes behind it are covered by SenderIT. */
class PairPacerTest {
  private static final MessageRef CUSTOMER =
      new MessageRef(new CustomerNumber("+27821234567"), "EV#1#MSG#a");
  private static final String NUMBER = "106540352242922";

  private final PaceOnly store = new PaceOnly();
  private final PairPacer pacer = new PairPacer(store, 1_000, 3);

  @Test
  void reserve_burstOfThree_goesAtOnceThenOnePerInterval() {
    // GIVEN an idle customer; WHEN four sends ask at t = 0
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve(CUSTOMER, NUMBER, 0, 0).waitMillis()).isZero();
    }
    PairPacer.Slot fourth = pacer.reserve(CUSTOMER, NUMBER, 0, 0);

    // THEN the burst goes, and the fourth is told to wait one interval, holding nothing
    assertThat(fourth.reserved()).isFalse();
    assertThat(fourth.waitMillis()).isEqualTo(1_000);
    assertThat(pacer.reserve(CUSTOMER, NUMBER, 1_000, 0).reserved()).isTrue();
    assertThat(pacer.reserve(CUSTOMER, NUMBER, 1_000, 0).reserved()).isFalse();
  }

  @Test
  void reserve_waitWithinTheLimit_reservesTheSlotAhead() {
    for (int i = 0; i < 3; i++) {
      pacer.reserve(CUSTOMER, NUMBER, 0, 0);
    }
    // WHEN a caller may wait up to 1.5 s
    PairPacer.Slot slot = pacer.reserve(CUSTOMER, NUMBER, 200, 1_500);

    // THEN it holds the slot 0.8 s ahead, and the next caller must wait a further interval
    assertThat(slot.reserved()).isTrue();
    assertThat(slot.waitMillis()).isEqualTo(800);
    assertThat(pacer.reserve(CUSTOMER, NUMBER, 200, 0).waitMillis()).isEqualTo(1_800);
  }

  @Test
  void giveBack_sendNeverReachedMeta_returnsTheSlot() {
    for (int i = 0; i < 2; i++) {
      pacer.reserve(CUSTOMER, NUMBER, 0, 0);
    }
    PairPacer.Slot third = pacer.reserve(CUSTOMER, NUMBER, 0, 0);
    assertThat(pacer.reserve(CUSTOMER, NUMBER, 0, 0).reserved()).isFalse();

    // WHEN the third send is handed back
    pacer.giveBack(CUSTOMER, NUMBER, third);

    // THEN another send may go at once
    assertThat(pacer.reserve(CUSTOMER, NUMBER, 0, 0).waitMillis()).isZero();
  }

  @Test
  void reserve_afterAQuietSpell_startsAFreshBurst() {
    for (int i = 0; i < 3; i++) {
      pacer.reserve(CUSTOMER, NUMBER, 0, 0);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve(CUSTOMER, NUMBER, 10_000, 0).waitMillis()).isZero();
    }
    assertThat(pacer.reserve(CUSTOMER, NUMBER, 10_000, 0).reserved()).isFalse();
  }

  /** The two pace writes, with the table's conditions; nothing else is used by the pacer. */
  private static final class PaceOnly implements SenderStore {
    private final Map<String, Long> tats = new HashMap<>();

    @Override
    public OptionalLong startPace(MessageRef ref, String number, long now, long nextTat) {
      Long tat = tats.get(ref.customer().e164() + number);
      if (tat == null || tat <= now) {
        tats.put(ref.customer().e164() + number, nextTat);
        return OptionalLong.empty();
      }
      return OptionalLong.of(tat);
    }

    @Override
    public boolean advancePace(MessageRef ref, String number, long oldTat, long newTat) {
      return tats.replace(ref.customer().e164() + number, oldTat, newTat);
    }

    @Override
    public Optional<QueuedMessage> load(String messageId, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean claim(MessageRef ref, Instant now, long leaseMillis) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void release(MessageRef ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordAccepted(MessageRef ref, String wamid, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordFailed(MessageRef ref, int code, String title, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean optedOut(CustomerNumber customer, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordNotSent(MessageRef ref, String reason, String title, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordUnknown(MessageRef ref, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordDeadLettered(MessageRef ref, String reason, Instant now) {
      throw new UnsupportedOperationException();
    }
  }
}
