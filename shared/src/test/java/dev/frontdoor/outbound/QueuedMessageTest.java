package dev.frontdoor.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.MessageRef;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stored states make a resend a possible duplicate. */
class QueuedMessageTest {
  private static final long NOW = 1_800_000_000_000L;

  @Test
  void outcomeUnknown_deadLetteredAfterAnUnansweredSend_staysUnknownForTheRedrive() {
    assertThat(message("dead_lettered", NOW - 5_000, 0).outcomeUnknown()).isTrue();
    assertThat(message("dead_lettered", 0, 0).outcomeUnknown()).isFalse();
    assertThat(message("unknown", NOW - 5_000, 0).outcomeUnknown()).isTrue();
  }

  @Test
  void abandoned_expiredLeaseWhileSendingOrDeadLettered_isAbandonedButAReleasedOneIsNot() {
    assertThat(message("sending", 0, NOW - 1).abandoned(NOW)).isTrue();
    assertThat(message("dead_lettered", 0, NOW - 1).abandoned(NOW)).isTrue();
    assertThat(message("sending", 0, NOW + 1).abandoned(NOW)).isFalse();
    assertThat(message("sending", 0, 0).abandoned(NOW)).isFalse();
  }

  private static QueuedMessage message(String status, long unknownAt, long leaseUntil) {
    return new QueuedMessage(
        "01JTESTMESSAGE0000000000AB",
        new MessageRef(new CustomerNumber("+27821234567"), "EV#1#MSG#x"),
        "106540352242922",
        Map.of(),
        status,
        1,
        Optional.empty(),
        unknownAt,
        leaseUntil,
        1);
  }
}
