package dev.frontdoor.domain.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdoor.config.Secret;
import dev.frontdoor.domain.CustomerNumber;
import dev.frontdoor.domain.outbound.SendRequest;
import dev.frontdoor.domain.outbound.ThreadState;
import dev.frontdoor.domain.thread.MessageRef;
import dev.frontdoor.domain.thread.StoreRejectedException;
import dev.frontdoor.domain.thread.StoreUnavailableException;
import dev.frontdoor.port.out.CallStore;
import dev.frontdoor.port.out.CustomerStore;
import dev.frontdoor.port.out.MessageStore;
import dev.frontdoor.port.out.RawEventStore;
import dev.frontdoor.port.out.StatusStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What ingest does when the store refuses or fails one entry of a batch (a fake store). */
class WhatsAppIngestTest {
  private static final Secret SECRET = Secret.of("unit-test-app-secret");

  @Test
  void entryTheTableRefuses_isKeptRaw_andTheOthersAreStored() {
    // GIVEN a store whose table answers ValidationException for one message (not caught before)
    FakeStore store = new FakeStore();
    store.refuse.add("wamid.refused");
    // WHEN a batch with a good message, the refused one and another good one arrives
    IngestOutcome outcome = ingest(store, webhook("wamid.first", "wamid.refused", "wamid.last"));
    // THEN all three count as stored: two messages, and the refused one's JSON as a raw event
    assertThat(outcome).isEqualTo(new IngestOutcome.Stored(3, 0));
    assertThat(store.messages).containsExactlyInAnyOrder("wamid.first", "wamid.last");
    assertThat(store.raw)
        .singleElement()
        .satisfies(
            raw -> {
              assertThat(raw.kind()).isEqualTo("unstorable:message");
              assertThat(raw.json()).contains("wamid.refused");
            });
  }

  @Test
  void storeFailure_inOneEntry_failsTheDeliverySoMetaRetries() {
    FakeStore store = new FakeStore();
    store.fail.add("wamid.down");
    assertThatThrownBy(() -> ingest(store, webhook("wamid.a", "wamid.down", "wamid.b")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  private static IngestOutcome ingest(FakeStore store, byte[] body) {
    try (WhatsAppIngest ingest =
        new WhatsAppIngest(
            new WebhookSignature(List.of(SECRET)),
            new WebhookParser("ZA"),
            new IngestStores(store, store, store, store, store),
            Clock.systemUTC(),
            1 << 20)) {
      return ingest.ingest(
          new WebhookDelivery(body, WebhookSignature.sign(body, SECRET), "application/json"));
    }
  }

  private static byte[] webhook(String... wamids) {
    StringBuilder messages = new StringBuilder();
    for (String wamid : wamids) {
      messages
          .append(messages.length() == 0 ? "" : ",")
          .append("{\"from\":\"27825550303\",\"id\":\"")
          .append(wamid)
          .append("\",\"timestamp\":\"1700000000\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}");
    }
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
            + "\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"106540352242922\"},"
            + "\"messages\":["
            + messages
            + "]}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Records puts; refuses or fails the messages it is told to. Thread safe (lanes run at once). */
  private static final class FakeStore
      implements MessageStore, StatusStore, CallStore, RawEventStore, CustomerStore {
    final Set<String> refuse = ConcurrentHashMap.newKeySet();
    final Set<String> fail = ConcurrentHashMap.newKeySet();
    final Set<String> messages = ConcurrentHashMap.newKeySet();
    final Set<RawEvent> raw = ConcurrentHashMap.newKeySet();

    @Override
    public Put putInboundMessage(InboundMessage message, Instant now) {
      if (refuse.contains(message.wamid())) {
        throw new StoreRejectedException(
            "the table refused the request: ValidationException", null);
      }
      if (fail.contains(message.wamid())) {
        throw new StoreUnavailableException("the table did not answer", null);
      }
      messages.add(message.wamid());
      return new Put(new MessageRef(message.customer(), "EV#" + message.wamid()), true);
    }

    @Override
    public boolean putRawEvent(RawEvent event, Instant now) {
      return raw.add(event);
    }

    @Override
    public void putWamidLookup(String wamid, MessageRef target, Instant now) {}

    @Override
    public void touchThread(
        CustomerNumber customer,
        BusinessNumber business,
        long atMillis,
        String profileName,
        Instant now) {}

    @Override
    public void recordOptOut(
        CustomerNumber customer, boolean optedOut, long atMillis, String source, Instant now) {}

    @Override
    public Optional<MessageRef> findByWamid(String wamid, Instant now) {
      return Optional.empty();
    }

    @Override
    public Optional<MessageRef> findByMessageId(String messageId, Instant now) {
      return Optional.empty();
    }

    @Override
    public Lookups findAll(Collection<String> messageIds, Collection<String> wamids, Instant now) {
      return Lookups.NONE;
    }

    @Override
    public boolean putStatus(StatusUpdate status, Optional<MessageRef> target, Instant now) {
      return true;
    }

    @Override
    public StatusApplied applyStatus(MessageRef target, StatusUpdate status) {
      return new StatusApplied(true, true, false);
    }

    @Override
    public boolean putPendingStatus(StatusUpdate status, Instant now) {
      return true;
    }

    @Override
    public List<StatusUpdate> pendingStatuses(String wamid) {
      return List.of();
    }

    @Override
    public void putQueuedMessage(
        String messageId,
        SendRequest request,
        String apiClient,
        Optional<String> idempotencyKey,
        Instant createdAt) {}

    @Override
    public Optional<Map<String, Object>> messageView(String messageId, Instant now) {
      return Optional.empty();
    }

    @Override
    public ThreadState threadState(CustomerNumber customer, String businessNumberId, Instant now) {
      return new ThreadState(Map.of(), false);
    }

    @Override
    public void deletePendingStatus(StatusUpdate status) {}

    @Override
    public boolean putCallEvent(WhatsAppCallEvent event, Instant now) {
      return true;
    }
  }
}
