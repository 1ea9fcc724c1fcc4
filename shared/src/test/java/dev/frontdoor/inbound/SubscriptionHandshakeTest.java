package dev.frontdoor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.config.Secret;
import org.junit.jupiter.api.Test;

class SubscriptionHandshakeTest {
  private final SubscriptionHandshake handshake =
      new SubscriptionHandshake(Secret.of("verify-token-for-tests"));

  @Test
  void verify_matchingModeAndToken_echoesChallenge() {
    SubscriptionAnswer answer =
        handshake.verify(
            new SubscriptionRequest("subscribe", "verify-token-for-tests", "1158201444"));
    assertThat(answer).isEqualTo(new SubscriptionAnswer.Accepted("1158201444"));
  }

  @Test
  void verify_wrongToken_isRefused() {
    SubscriptionAnswer answer =
        handshake.verify(new SubscriptionRequest("subscribe", "guess", "1158201444"));
    assertThat(answer).isInstanceOf(SubscriptionAnswer.Refused.class);
  }

  @Test
  void verify_wrongOrMissingMode_isRefused() {
    assertThat(
            handshake.verify(new SubscriptionRequest("unsubscribe", "verify-token-for-tests", "c")))
        .isInstanceOf(SubscriptionAnswer.Refused.class);
    assertThat(handshake.verify(new SubscriptionRequest(null, "verify-token-for-tests", "c")))
        .isInstanceOf(SubscriptionAnswer.Refused.class);
  }

  @Test
  void verify_missingToken_isRefused() {
    assertThat(handshake.verify(new SubscriptionRequest("subscribe", null, "c")))
        .isInstanceOf(SubscriptionAnswer.Refused.class);
  }

  @Test
  void verify_missingOrUnsafeChallenge_isMalformed() {
    assertThat(
            handshake.verify(new SubscriptionRequest("subscribe", "verify-token-for-tests", null)))
        .isInstanceOf(SubscriptionAnswer.Malformed.class);
    assertThat(
            handshake.verify(
                new SubscriptionRequest(
                    "subscribe", "verify-token-for-tests", "<script>alert(1)</script>")))
        .isInstanceOf(SubscriptionAnswer.Malformed.class);
    assertThat(
            handshake.verify(
                new SubscriptionRequest("subscribe", "verify-token-for-tests", "x".repeat(257))))
        .isInstanceOf(SubscriptionAnswer.Malformed.class);
  }
}
