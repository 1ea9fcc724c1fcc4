package dev.frontdoor.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.testing.InboundMessages;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryStores;
import dev.frontdoor.testing.memory.InMemoryThreadReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The thread read use case over the in-memory stores: order, paging, window, opt-out, expiry. */
class ThreadReadingTest {
  private static final CustomerNumber CUSTOMER = new CustomerNumber(Sensitive.CUSTOMER_E164);
  private static final BusinessNumber BUSINESS =
      new BusinessNumber("106540352242922", "27105550100", "102290129340398");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final InMemoryStores stores = new InMemoryStores();
  private final ThreadReading reading =
      new ThreadReading(new InMemoryThreadReader(stores), "ZA", Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void latestPage_oldestFirst_withCursorToTheOlderItems() {
    for (int i = 1; i <= 5; i++) {
      customerWrote("wamid." + i, NOW.minusSeconds(600 - i), "Thandi");
    }

    ThreadView page =
        reading.page(new ThreadQuery(CUSTOMER, Optional.empty(), Optional.empty(), 3));

    assertThat(page.items())
        .extracting(item -> item.get("wamid"))
        .containsExactly("wamid.3", "wamid.4", "wamid.5");
    assertThat(page.after()).isEmpty();
    ThreadView older = reading.page(new ThreadQuery(CUSTOMER, page.before(), Optional.empty(), 3));
    assertThat(older.items())
        .extracting(item -> item.get("wamid"))
        .containsExactly("wamid.1", "wamid.2");
    assertThat(older.after()).isPresent();
    ThreadView back = reading.page(new ThreadQuery(CUSTOMER, Optional.empty(), older.after(), 3));
    assertThat(back.items())
        .extracting(item -> item.get("wamid"))
        .containsExactly("wamid.3", "wamid.4", "wamid.5");
  }

  @Test
  void thread_showsWindowOptOutAndProfileName_andOnlyPublicFields() {
    customerWrote("wamid.a", NOW.minusSeconds(3_600), "Thandi");
    stores
        .customers()
        .recordOptOut(CUSTOMER, true, NOW.minusSeconds(60).toEpochMilli(), "keyword", NOW);
    stores
        .customers()
        .touchThread(CUSTOMER, BUSINESS, NOW.minusSeconds(3_600).toEpochMilli(), null, NOW);

    ThreadView view =
        reading.page(new ThreadQuery(CUSTOMER, Optional.empty(), Optional.empty(), 50));

    assertThat(view.thread())
        .containsEntry("opted_out", true)
        .containsEntry("source", "keyword")
        .containsEntry("profile_name", "Thandi")
        .doesNotContainKey("expires_at");
    assertThat(view.windows())
        .containsExactly(
            new ThreadView.Window(
                BUSINESS.phoneNumberId(),
                NOW.minusSeconds(3_600).toEpochMilli(),
                NOW.minusSeconds(3_600).plus(ServiceWindow.LENGTH).toEpochMilli(),
                true));
    assertThat(view.items())
        .singleElement()
        .satisfies(item -> assertThat(item).doesNotContainKeys("expires_at", "customer_ref"));
  }

  @Test
  void expiredItems_leftOut_andTheirWindowClosed() {
    InMemoryStores shortLived = new InMemoryStores(Duration.ofHours(1));
    ThreadReading reader =
        new ThreadReading(
            new InMemoryThreadReader(shortLived), "ZA", Clock.fixed(NOW, ZoneOffset.UTC));
    shortLived
        .messages()
        .putInboundMessage(
            message("wamid.old", NOW.minusSeconds(7_200), null), NOW.minusSeconds(7_200));

    ThreadView view =
        reader.page(new ThreadQuery(CUSTOMER, Optional.empty(), Optional.empty(), 50));

    assertThat(view.items()).isEmpty();
    assertThat(view.windows()).isEmpty();
  }

  @Test
  void request_anySpellingOfTheNumber_readsTheOneThread() {
    customerWrote("wamid.s", NOW.minusSeconds(60), "Thandi");
    String national = "0" + Sensitive.CUSTOMER_E164.substring(3);

    ThreadAnswer answer = reading.read(new ThreadRequest(national, null, null, "10"));

    assertThat(answer.page().orElseThrow().customer()).isEqualTo(CUSTOMER.e164());
    assertThat(answer.page().orElseThrow().items()).hasSize(1);
  }

  @Test
  void request_badParameters_refusedNamingTheParameter() {
    assertThat(reading.read(new ThreadRequest("not a number", null, null, null)).refusal())
        .startsWith("phone:");
    assertThat(reading.read(new ThreadRequest(CUSTOMER.e164(), "garbage", null, null)).refusal())
        .startsWith("before:");
    assertThat(reading.read(new ThreadRequest(CUSTOMER.e164(), null, "garbage", null)).refusal())
        .startsWith("after:");
    assertThat(reading.read(new ThreadRequest(CUSTOMER.e164(), null, null, "-1")).refusal())
        .startsWith("limit");
    assertThat(reading.read(new ThreadRequest(CUSTOMER.e164(), null, null, "999")).refusal())
        .startsWith("limit");
    assertThat(reading.read(new ThreadRequest(CUSTOMER.e164(), null, null, "9999999")).page())
        .isEmpty();
  }

  private void customerWrote(String wamid, Instant at, String profileName) {
    stores.messages().putInboundMessage(message(wamid, at, profileName), NOW);
  }

  private static InboundMessage message(String wamid, Instant at, String profileName) {
    return InboundMessages.text(wamid, CUSTOMER, BUSINESS, at, profileName);
  }
}
