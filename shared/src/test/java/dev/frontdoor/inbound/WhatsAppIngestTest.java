package dev.frontdoor.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.StoreRejectedException;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.config.Secret;
import dev.frontdoor.outbound.send.SendRequest;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryStores;
import dev.frontdoor.testing.memory.InMemoryThreadReader;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.StatusApplier;
import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Inbound ingest over the in-memory stores: what each kind of entry leaves in the stores. */
class WhatsAppIngestTest {
  private static final Secret SECRET = Secret.of("unit-test-app-secret");
  private static final String BUSINESS = "106540352242922";
  private static final CustomerNumber CUSTOMER = new CustomerNumber(Sensitive.CUSTOMER_E164);
  private static final String WA_ID = Sensitive.CUSTOMER_E164.substring(1);
  private static final long T = 1_700_000_000L;
  private static final Instant NOW = Instant.ofEpochSecond(T + 60);

  private final InMemoryStores stores = new InMemoryStores();

  @Test
  void entryTheTableRefuses_isKeptRaw_andTheOthersAreStored() {
    // GIVEN a store whose table answers ValidationException for one message (not caught before)
    stores
        .messages()
        .failPutOf(
            "wamid.refused",
            new StoreRejectedException("the table refused the request: ValidationException", null));
    // WHEN a batch with a good message, the refused one and another good one arrives
    IngestOutcome outcome = ingest(messages("wamid.first", "wamid.refused", "wamid.last"));
    // THEN all three count as stored: two messages, and the refused one's JSON as a raw event
    assertThat(outcome).isEqualTo(new IngestOutcome.Stored(3, 0));
    assertThat(stores.messages().findAll(List.of(), List.of(), NOW).byWamid()).isEmpty();
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW))
        .extracting(item -> item.get("wamid"))
        .containsExactlyInAnyOrder("wamid.first", "wamid.last");
    assertThat(stores.rawEvents().events())
        .singleElement()
        .satisfies(
            raw -> {
              assertThat(raw.kind()).isEqualTo("unstorable:message");
              assertThat(raw.json()).contains("wamid.refused");
            });
  }

  @Test
  void storeFailure_inOneEntry_failsTheDeliverySoMetaRetries() {
    stores
        .messages()
        .failPutOf("wamid.down", new StoreUnavailableException("the table did not answer", null));
    assertThatThrownBy(() -> ingest(messages("wamid.a", "wamid.down", "wamid.b")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void message_retried_storedOnce_andOpensTheWindow() {
    assertThat(ingest(messages("wamid.once"))).isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(ingest(messages("wamid.once"))).isEqualTo(new IngestOutcome.Stored(0, 1));

    assertThat(stores.timeline().live(CUSTOMER, "message", NOW)).hasSize(1);
    assertThat(
            stores
                .customers()
                .threadState(CUSTOMER, BUSINESS, NOW)
                .windowOpen(BUSINESS, NOW.toEpochMilli()))
        .isTrue();
  }

  @Test
  void optOutKeywords_outOfOrder_convergeOnTheLatest() {
    // GIVEN "START" sent after "STOP", delivered first
    assertThat(ingest(keyword("wamid.start", T + 10, "START")))
        .isInstanceOf(IngestOutcome.Stored.class);
    assertThat(ingest(keyword("wamid.stop", T, "STOP"))).isInstanceOf(IngestOutcome.Stored.class);
    // THEN the customer is opted in: the later change wins whatever the arrival order
    assertThat(stores.customers().threadState(CUSTOMER, BUSINESS, NOW).optedOut()).isFalse();

    ingest(keyword("wamid.stop2", T + 20, "STOP"));
    assertThat(stores.customers().threadState(CUSTOMER, BUSINESS, NOW).optedOut()).isTrue();
  }

  @Test
  void callPermissionReplies_outOfOrder_convergeOnTheLatest_andTheThreadShowsIt() {
    // GIVEN an acceptance for a week, then a rejection, delivered in reverse order (and repeated)
    long week = T + 7 * 86_400;
    ingest(permissionReply("wamid.cpr-reject", T + 30, "reject", false, null));
    ingest(permissionReply("wamid.cpr-accept", T, "accept", false, week));
    ingest(permissionReply("wamid.cpr-reject", T + 30, "reject", false, null));
    // THEN both are messages, and the permission is the later answer: denied
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW))
        .extracting(item -> item.get("wamid"))
        .containsExactlyInAnyOrder("wamid.cpr-accept", "wamid.cpr-reject");
    assertThat(permissions(NOW))
        .singleElement()
        .satisfies(
            permission ->
                assertThat(permission)
                    .containsEntry("business_number_id", BUSINESS)
                    .containsEntry("status", "denied")
                    .containsEntry("permanent", false)
                    .containsEntry("answered_at", (T + 30) * 1000)
                    .doesNotContainKey("expires_at"));

    // WHEN the customer accepts again for a week: granted until then, expired after
    ingest(permissionReply("wamid.cpr-again", T + 40, "accept", false, week + 40));
    assertThat(permissions(NOW).get(0))
        .containsEntry("status", "granted")
        .containsEntry("expires_at", (week + 40) * 1000);
    assertThat(permissions(Instant.ofEpochSecond(week + 40)).get(0))
        .containsEntry("status", "expired");

    // AND a permanent acceptance has no end
    ingest(permissionReply("wamid.cpr-forever", T + 50, "accept", true, null));
    assertThat(permissions(Instant.ofEpochSecond(week + 40)).get(0))
        .containsEntry("status", "granted")
        .containsEntry("permanent", true)
        .doesNotContainKey("expires_at");
  }

  @Test
  void statusBeforeItsMessage_keptPending_thenAppliedWhenTheWamidIsRecorded() {
    // GIVEN a delivered status for an outbound message whose wamid is not recorded yet
    assertThat(ingest(webhook("messages", statuses(status("wamid.out", "delivered", T)))))
        .isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(stores.statuses().pendingStatuses("wamid.out")).hasSize(1);
    // WHEN the sender records the wamid of its accepted message
    MessageRef message = queuedMessage();
    StatusApplier applier = new StatusApplier(stores.messages(), stores.statuses());
    int applied = applier.recordWamid("wamid.out", message, NOW);
    // THEN the waiting status is applied and gone
    assertThat(applied).isEqualTo(1);
    assertThat(stores.statuses().pendingStatuses("wamid.out")).isEmpty();
    assertThat(stores.messages().item(message).orElseThrow()).containsEntry("status", "delivered");
  }

  @Test
  void statusRacingTheWamidsRecord_isAppliedEveryTime_andNothingStaysPending() throws Exception {
    // The two halves of the pending protocol each write, then read what the other wrote: whichever
    // order they interleave in, the status reaches its message and no pending copy is left.
    StatusApplier applier = new StatusApplier(stores.messages(), stores.statuses());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int trial = 0; trial < 2_000; trial++) {
        String wamid = "wamid.race-" + trial;
        MessageRef message = queuedMessage();
        byte[] delivered = webhook("messages", statuses(status(wamid, "delivered", T)));
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> webhook =
            pool.submit(
                () -> {
                  start.await();
                  return ingest(delivered);
                });
        Future<?> sender =
            pool.submit(
                () -> {
                  start.await();
                  return applier.recordWamid(wamid, message, NOW);
                });
        webhook.get(10, TimeUnit.SECONDS);
        sender.get(10, TimeUnit.SECONDS);

        assertThat(stores.messages().item(message).orElseThrow())
            .as("trial %d", trial)
            .containsEntry("status", "delivered");
        assertThat(stores.statuses().pendingStatuses(wamid)).as("trial %d", trial).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void statuses_outOfOrder_moveTheMessageForwardOnly() {
    MessageRef message = queuedMessage();
    stores.messages().putWamidLookup("wamid.out", message, NOW);
    // GIVEN read and delivered in one webhook, then a late sent
    ingest(
        webhook(
            "messages",
            statuses(status("wamid.out", "read", T + 2), status("wamid.out", "delivered", T + 1))));
    assertThat(ingest(webhook("messages", statuses(status("wamid.out", "sent", T)))))
        .isEqualTo(new IngestOutcome.Stored(1, 0));
    // THEN the message is read, with every first-seen time kept
    Map<String, Object> item = stores.messages().item(message).orElseThrow();
    assertThat(item).containsEntry("status", "read");
    assertThat(item)
        .containsEntry("status_at_sent", T * 1000)
        .containsEntry("status_at_delivered", (T + 1) * 1000)
        .containsEntry("status_at_read", (T + 2) * 1000);
    // One write per status: the message is the record, no status items besides it.
    assertThat(stores.timeline().live(CUSTOMER, "status", NOW)).isEmpty();
  }

  @Test
  void status_namingItsMessageId_isAppliedWithNoLookupRead_andCountedNewOnce() {
    MessageRef message = queuedMessage();
    String messageId = message.sortKey().substring(message.sortKey().lastIndexOf('#') + 1);
    long readsBefore = stores.messages().lookupReads();
    // GIVEN Meta echoes the message id (biz_opaque_callback_data) with the recipient's wa_id
    byte[] sent = webhook("messages", statuses(callbackStatus("wamid.cb", "sent", T, messageId)));
    // WHEN it arrives twice
    assertThat(ingest(sent)).isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(ingest(sent)).isEqualTo(new IngestOutcome.Stored(0, 1));
    // THEN the message converged through its computed place alone, and learnt its wamid
    assertThat(stores.messages().lookupReads()).isEqualTo(readsBefore);
    assertThat(stores.messages().item(message).orElseThrow())
        .containsEntry("status", "sent")
        .containsEntry("wamid", "wamid.cb");
    assertThat(stores.messages().findByWamid("wamid.cb", NOW)).contains(message);
  }

  @Test
  void status_whoseMessageIsNotWhereItsIdSays_resolvesThroughTheLookups() {
    MessageRef message = queuedMessage();
    stores.messages().putWamidLookup("wamid.other", message, NOW);
    // GIVEN a callback id of no message of this recipient (another app's ULID)
    String foreign = UlidCreator.getUlid((T - 30) * 1000).toString();
    assertThat(
            ingest(
                webhook(
                    "messages", statuses(callbackStatus("wamid.other", "delivered", T, foreign)))))
        .isEqualTo(new IngestOutcome.Stored(1, 0));
    // THEN nothing was created at the computed place, and the wamid found the message
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW)).hasSize(1);
    assertThat(stores.messages().item(message).orElseThrow()).containsEntry("status", "delivered");
  }

  @Test
  void callEvent_retried_storedOnce_andTouchesTheThread() {
    byte[] connect = webhook("calls", calls(call("wacid.1", "connect", T)));
    assertThat(ingest(connect)).isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(ingest(connect)).isEqualTo(new IngestOutcome.Stored(0, 1));
    assertThat(ingest(webhook("calls", calls(call("wacid.1", "terminate", T + 30)))))
        .isEqualTo(new IngestOutcome.Stored(1, 0));

    assertThat(stores.timeline().live(CUSTOMER, "call", NOW)).hasSize(1);
    assertThat(stores.timeline().live(CUSTOMER, "call_event", NOW)).hasSize(2);
    assertThat(stores.customers().thread(CUSTOMER, NOW).orElseThrow())
        .containsEntry("last_activity_at", (T + 30) * 1000);
  }

  @Test
  void unsignedDelivery_refused_nothingStored() {
    byte[] body = messages("wamid.unsigned");
    try (WhatsAppIngest ingest = ingest()) {
      IngestOutcome outcome = ingest.ingest(new WebhookDelivery(body, null, "application/json"));
      assertThat(outcome).isInstanceOf(IngestOutcome.Refused.class);
    }
    assertThat(stores.timeline().live(CUSTOMER, NOW)).isEmpty();
  }

  private WhatsAppIngest ingest() {
    return new WhatsAppIngest(
        new WebhookSignature(List.of(SECRET)),
        new WebhookParser("ZA"),
        stores.ingest(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        1 << 20);
  }

  private IngestOutcome ingest(byte[] body) {
    try (WhatsAppIngest ingest = ingest()) {
      return ingest.ingest(
          new WebhookDelivery(body, WebhookSignature.sign(body, SECRET), "application/json"));
    }
  }

  /** An outbound message queued a minute before the statuses (its id's time is its own). */
  private MessageRef queuedMessage() {
    String id = UlidCreator.getUlid((T - 60) * 1000).toString();
    stores
        .messages()
        .putQueuedMessage(
            id,
            new SendRequest(
                CUSTOMER, BUSINESS, "text", Map.of("text", Map.of("body", "hi")), "hi", "{}"),
            "crm",
            Optional.empty(),
            NOW);
    return stores.messages().findByMessageId(id, NOW).orElseThrow();
  }

  private static byte[] messages(String... wamids) {
    String[] entries = new String[wamids.length];
    for (int i = 0; i < wamids.length; i++) {
      entries[i] = message(wamids[i], T, "hi");
    }
    return webhook("messages", "\"messages\":[" + String.join(",", entries) + "]");
  }

  private static byte[] keyword(String wamid, long timestamp, String word) {
    return webhook("messages", "\"messages\":[" + message(wamid, timestamp, word) + "]");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> permissions(Instant at) {
    ThreadView view =
        new InMemoryThreadReader(stores)
            .read(new ThreadQuery(CUSTOMER, Optional.empty(), Optional.empty(), 10), at);
    return (List<Map<String, Object>>) view.thread().get("call_permissions");
  }

  /** An answer to a call permission request, in the shape WebhookParserTest documents. */
  private static byte[] permissionReply(
      String wamid, long timestamp, String response, boolean permanent, Long expiresS) {
    String reply =
        "{\"response\":\"%s\",\"is_permanent\":%s%s,\"response_source\":\"user_action\"}"
            .formatted(
                response,
                permanent,
                expiresS == null ? "" : ",\"expiration_timestamp\":" + expiresS);
    return webhook(
        "messages",
        ("\"messages\":[{\"from\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%d\","
                + "\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_reply\","
                + "\"call_permission_reply\":%s}}]")
            .formatted(WA_ID, wamid, timestamp, reply));
  }

  private static String message(String wamid, long timestamp, String body) {
    return "{\"from\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}"
        .formatted(WA_ID, wamid, timestamp, body);
  }

  private static String statuses(String... statuses) {
    return "\"statuses\":[" + String.join(",", statuses) + "]";
  }

  private static String status(String wamid, String status, long timestamp) {
    return "{\"id\":\"%s\",\"status\":\"%s\",\"timestamp\":\"%d\",\"recipient_id\":\"%s\"}"
        .formatted(wamid, status, timestamp, WA_ID);
  }

  private static String callbackStatus(String wamid, String status, long timestamp, String id) {
    return ("{\"id\":\"%s\",\"status\":\"%s\",\"timestamp\":\"%d\",\"recipient_id\":\"%s\","
            + "\"biz_opaque_callback_data\":\"%s\"}")
        .formatted(wamid, status, timestamp, WA_ID, id);
  }

  private static String calls(String... calls) {
    return "\"calls\":[" + String.join(",", calls) + "]";
  }

  private static String call(String id, String event, long timestamp) {
    return ("{\"id\":\"%s\",\"from\":\"%s\",\"to\":\"27105550100\",\"event\":\"%s\","
            + "\"timestamp\":\"%d\",\"direction\":\"USER_INITIATED\"}")
        .formatted(id, WA_ID, event, timestamp);
  }

  private static byte[] webhook(String field, String content) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
            + "\"field\":\""
            + field
            + "\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
            + "\"display_phone_number\":\"27105550100\",\"phone_number_id\":\""
            + BUSINESS
            + "\"},"
            + content
            + "}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
