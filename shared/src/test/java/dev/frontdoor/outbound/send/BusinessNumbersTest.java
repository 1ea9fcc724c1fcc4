package dev.frontdoor.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.common.PhoneNumberId;
import dev.frontdoor.outbound.QueuedMessage;
import dev.frontdoor.threads.MessageRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BusinessNumbersTest {
  private static final String DEFAULT = "106540352242922";
  private static final String OTHER = "106540352242923";
  private static final SendRequestReader READER =
      new SendRequestReader("ZA", new BusinessNumbers(List.of(DEFAULT, "0" + OTHER)));

  @Test
  void canonical_stripsLeadingZerosOnly() {
    assertThat(PhoneNumberId.canonical("0123")).contains("123");
    assertThat(PhoneNumberId.canonical("00123")).contains("123");
    assertThat(PhoneNumberId.canonical("123")).contains("123");
    assertThat(PhoneNumberId.canonical("0")).contains("0");
    assertThat(PhoneNumberId.canonical("12a")).isEmpty();
    assertThat(PhoneNumberId.canonical("")).isEmpty();
    assertThat(PhoneNumberId.canonical("1".repeat(33))).isEmpty();
  }

  @Test
  void configuredNumbers_areCanonicalDefaultFirstAndDeduplicated() {
    BusinessNumbers numbers = new BusinessNumbers(List.of("0123", "123", "0456"));
    assertThat(numbers.ids()).containsExactly("123", "456");
    assertThat(numbers.defaultId()).contains("123");
    assertThat(numbers.find("000123")).contains("123");
    assertThat(numbers.find("789")).isEmpty();
  }

  @Test
  void read_anySpellingOfAConfiguredNumber_isItsOneCanonicalId() {
    assertThat(READER.read(body("\"0" + DEFAULT + "\"")).businessNumberId()).isEqualTo(DEFAULT);
    assertThat(READER.read(body("\"" + DEFAULT + "\"")).businessNumberId()).isEqualTo(DEFAULT);
    assertThat(READER.read(body("\"" + OTHER + "\"")).businessNumberId()).isEqualTo(OTHER);
    assertThat(READER.read(body(null)).businessNumberId()).isEqualTo(DEFAULT);
    // one canonical request body too, so the idempotency hash is the same for both spellings
    assertThat(READER.read(body("\"0" + DEFAULT + "\"")).canonicalJson())
        .isEqualTo(READER.read(body("\"" + DEFAULT + "\"")).canonicalJson());
  }

  @Test
  void read_unconfiguredNumber_isRefusedNamingTheField() {
    assertThatThrownBy(() -> READER.read(body("\"999999999\"")))
        .isInstanceOf(InvalidSendRequestException.class)
        .hasMessageStartingWith("business_number_id:")
        .hasMessageContaining("not one of this deployment's business numbers");
    assertThatThrownBy(() -> READER.read(body("\"abc\"")))
        .hasMessageStartingWith("business_number_id:");
    assertThatThrownBy(() -> READER.read(body("123")))
        .hasMessageStartingWith("business_number_id:");
  }

  @Test
  void read_withNoNumberConfigured_refusesEverySend() {
    SendRequestReader reader = new SendRequestReader("ZA", BusinessNumbers.none());
    for (String given : new String[] {null, "\"" + DEFAULT + "\""}) {
      assertThatThrownBy(() -> reader.read(body(given)))
          .isInstanceOf(InvalidSendRequestException.class)
          .hasMessageStartingWith("business_number_id:")
          .hasMessageContaining("META_PHONE_NUMBER_ID");
    }
  }

  @Test
  void queuedMessage_storedWithLeadingZeros_isSentUnderTheCanonicalId() {
    QueuedMessage message =
        new QueuedMessage(
            "01JX8NFBVGK3M7Q2R5T8W1Y4ZC",
            new MessageRef(
                dev.frontdoor.common.CustomerNumber.parse("+27821234567", "ZA"),
                "EV#1749416390512#MSG#01JX8NFBVGK3M7Q2R5T8W1Y4ZC"),
            "00" + DEFAULT,
            Map.of(),
            "queued",
            0,
            Optional.empty(),
            0,
            0,
            0);
    assertThat(message.businessNumberId()).isEqualTo(DEFAULT);
  }

  private static byte[] body(String businessNumberId) {
    String number =
        businessNumberId == null ? "" : "\"business_number_id\":" + businessNumberId + ",";
    return ("{\"to\":\"+27821234567\"," + number + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
