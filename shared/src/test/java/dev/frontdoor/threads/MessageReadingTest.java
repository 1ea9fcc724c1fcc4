package dev.frontdoor.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.Secret;
import dev.frontdoor.outbound.send.BusinessNumbers;
import dev.frontdoor.outbound.send.MessageSending;
import dev.frontdoor.outbound.send.SendCommand;
import dev.frontdoor.outbound.send.SendRequestReader;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/messages/{id}}'s use case over the in-memory stores. */
class MessageReadingTest {
  private static final String BUSINESS = "106540352242922";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final InMemoryStores stores = new InMemoryStores(Duration.ofHours(1));
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void queuedMessage_foundWithItsPublicFields_andNotFoundOnceExpired() {
    String id = queueTemplate();

    MessageAnswer now = new MessageReading(stores.messages(), clock).read(id);
    MessageAnswer later =
        new MessageReading(stores.messages(), Clock.offset(clock, Duration.ofHours(2))).read(id);

    assertThat(now.reason()).isEqualTo(MessageAnswer.Reason.FOUND);
    assertThat(now.view().orElseThrow())
        .containsEntry("status", "queued")
        .doesNotContainKeys("expires_at", "customer_ref");
    assertThat(later.reason()).isEqualTo(MessageAnswer.Reason.NOT_FOUND);
  }

  @Test
  void ids_thatAreNotUlids_invalid_unknownOnes_notFound() {
    MessageReading reading = new MessageReading(stores.messages(), clock);

    assertThat(reading.read("short").reason()).isEqualTo(MessageAnswer.Reason.INVALID_ID);
    assertThat(reading.read(null).reason()).isEqualTo(MessageAnswer.Reason.INVALID_ID);
    assertThat(reading.read("01JX8PE5SVD9E2F4G6H8J0K2M\u00e9").reason())
        .isEqualTo(MessageAnswer.Reason.INVALID_ID);
    assertThat(reading.read("01JX8PE5SVD9E2F4G6H8J0K2M4").reason())
        .isEqualTo(MessageAnswer.Reason.NOT_FOUND);
  }

  private String queueTemplate() {
    MessageSending sending =
        new MessageSending(
            new SendRequestReader("ZA", new BusinessNumbers(List.of(BUSINESS))),
            stores.idempotency(),
            stores.customers(),
            stores.messages(),
            (messageId, group) -> {},
            new CustomerRefs(Secret.of("unit-test-ref-key")),
            clock);
    String body =
        "{\"to\":\""
            + Sensitive.CUSTOMER_E164
            + "\",\"type\":\"template\",\"template\":{\"name\":\"order_update\","
            + "\"language\":{\"code\":\"en\"}}}";
    return sending
        .send(new SendCommand("crm", Optional.empty(), body.getBytes(StandardCharsets.UTF_8)))
        .messageId();
  }
}
