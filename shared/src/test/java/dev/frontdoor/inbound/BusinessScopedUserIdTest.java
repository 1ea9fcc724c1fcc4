package dev.frontdoor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;
import dev.frontdoor.config.Secret;
import dev.frontdoor.outbound.send.SendRequest;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryStores;
import dev.frontdoor.testing.memory.InMemoryThreadReader;
import dev.frontdoor.threads.InboundMessage;
import dev.frontdoor.threads.MessageRef;
import dev.frontdoor.threads.StatusUpdate;
import dev.frontdoor.threads.ThreadAnswer;
import dev.frontdoor.threads.ThreadReading;
import dev.frontdoor.threads.ThreadRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Business-scoped user ids (BSUIDs): a webhook that names the customer by BSUID, with or without
 * their number, keeps one thread per customer.
 *
 * <p>Meta's published examples here predate BSUIDs, so the payloads are built from the published
 * {@code text.json} and {@code status_sent.json} shapes with the fields added or removed as these
 * sources describe them (facts only):
 *
 * <ul>
 *   <li>https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/
 *       (mirrored at
 *       support.chatarchitect.com/books/meta-whatsapp/page/business-scoped-user-ids-developer-documentation):
 *       {@code contacts[].user_id}, {@code contacts[].profile.username}, {@code parent_user_id};
 *       BSUID format; the username in incoming messages and delivered/read statuses.
 *   <li>https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system/:
 *       {@code system.type = user_changed_user_id}, no {@code contacts} and no number.
 *   <li>https://docs.360dialog.com/docs/resources/phone-numbers/usernames-and-bsuid: BSUID format
 *       ({@code BR.1502576394655843}, parent {@code US.ENT.…}), a new BSUID with a new number, the
 *       number withheld for a user with a username.
 *   <li>https://dualhook.com/docs/contacts-bsuid-webhooks: statuses carry {@code recipient_user_id}
 *       (omitted on a failed status of a message sent to a number, whose {@code contacts} are
 *       omitted); {@code wa_id} conditional in incoming messages.
 *   <li>https://whatsappapijs.web.app/types/types.ServerStatusPayload.html: {@code recipient_id},
 *       {@code recipient_user_id}, {@code recipient_parent_user_id} all optional.
 *   <li>https://docs.ycloud.com/reference/webhook-updates-bsuid and YCloud's inbound webhook
 *       reference ({@code fromUserId}, {@code fromParentUserId}, {@code from} optional): the send
 *       API's {@code recipient} takes a BSUID, {@code to} wins when both are given.
 * </ul>
 *
 * <p>Meta's own messages reference was not found naming the message-level field; {@code
 * from_user_id} is inferred from YCloud's relay of it and the status field {@code
 * recipient_user_id}. The parser therefore also reads the contact's {@code user_id} and a
 * BSUID-shaped {@code from}.
 */
class BusinessScopedUserIdTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret SECRET = Secret.of("unit-test-app-secret");
  private static final String BUSINESS = "106540352242922";
  private static final CustomerNumber CUSTOMER = new CustomerNumber(Sensitive.CUSTOMER_E164);
  private static final String WA_ID = Sensitive.CUSTOMER_E164.substring(1);
  private static final String BSUID = Sensitive.CUSTOMER_USER_ID;
  private static final CustomerKey BSUID_THREAD = CustomerKey.of(new UserId(BSUID));
  private static final long T = 1_749_416_383L;
  private static final Instant NOW = Instant.ofEpochSecond(T + 600);

  private final InMemoryStores stores = new InMemoryStores();
  private final WebhookParser parser = new WebhookParser("ZA");

  // ---- parser ----

  @Test
  void numberAndBsuid_messageInTheNumbersThread_withBsuidAndUsername() {
    InboundMessage message = parse(text("wamid.1", true, true)).messages().get(0);

    assertThat(message.customer()).isEqualTo(CustomerKey.of(CUSTOMER));
    assertThat(message.userId()).isEqualTo(new UserId(BSUID));
    assertThat(message.username()).isEqualTo("@thandi");
    assertThat(message.profileName()).isEqualTo("Sheena Nelson");
  }

  @Test
  void bsuidOnly_messageInTheBsuidsThread() {
    InboundMessage message = parse(text("wamid.1", false, true)).messages().get(0);

    assertThat(message.customer()).isEqualTo(BSUID_THREAD);
    assertThat(message.number()).isEmpty();
    assertThat(message.userId().value()).isEqualTo(BSUID);
    assertThat(message.profileName()).isEqualTo("Sheena Nelson");
  }

  @Test
  void bsuidOnlyInContacts_orInFrom_isTheSendersBsuid() {
    // No from_user_id: the change's one contact names the sender.
    byte[] contactOnly = text("wamid.1", false, true, m -> m.remove("from_user_id"));
    assertThat(parse(contactOnly).messages().get(0).customer()).isEqualTo(BSUID_THREAD);
    // Sources differ on whether `from` may carry the id itself: a BSUID-shaped `from` is one.
    byte[] inFrom =
        text(
            "wamid.2",
            false,
            false,
            m -> {
              m.remove("from_user_id");
              m.put("from", BSUID);
            });
    assertThat(parse(inFrom).messages().get(0).customer()).isEqualTo(BSUID_THREAD);
  }

  @Test
  void parentBsuid_isAUserId() {
    String parent = Sensitive.SECOND_CUSTOMER_USER_ID;
    byte[] body = text("wamid.1", false, false, m -> m.put("from_user_id", parent));
    InboundMessage message = parse(body).messages().get(0);
    assertThat(message.userId().isParent()).isTrue();
    assertThat(message.customer().value()).isEqualTo("~" + parent);
  }

  @Test
  void malformedBsuid_withoutNumber_keptRawWithTheReason_withNumber_ignored() {
    WebhookBatch noNumber =
        parse(text("wamid.1", false, false, m -> m.put("from_user_id", "ZA-not an id")));
    assertThat(noNumber.messages()).isEmpty();
    assertThat(noNumber.rawEvents())
        .singleElement()
        .satisfies(
            raw -> {
              assertThat(raw.kind()).isEqualTo("unroutable:message");
              assertThat(raw.reason())
                  .isEqualTo(
                      "an entry whose from_user_id is not a business-scoped user id,"
                          + " and without a phone number");
            });

    InboundMessage withNumber =
        parse(text("wamid.2", true, false, m -> m.put("from_user_id", "Z.1"))).messages().get(0);
    assertThat(withNumber.customer()).isEqualTo(CustomerKey.of(CUSTOMER));
    assertThat(withNumber.userId()).isNull();
  }

  @Test
  void neitherNumberNorBsuid_keptRaw() {
    WebhookBatch batch =
        parse(
            webhookOf(
                List.of(message("wamid.1", false, T, "hi").replace("\"from_user_id\"", "\"x\"")),
                "{\"profile\":{\"name\":\"Sheena Nelson\"}}"));
    assertThat(batch.messages()).isEmpty();
    assertThat(batch.rawEvents())
        .singleElement()
        .extracting(raw -> raw.kind())
        .isEqualTo("unroutable:message");
  }

  @Test
  void statusWithBsuidOnly_isAStatus_withTheRecipientsBsuid() {
    StatusUpdate status = parse(status("wamid.out", "delivered", T, false, true)).statuses().get(0);
    assertThat(status.recipient()).isNull();
    assertThat(status.recipientUserId()).isEqualTo(new UserId(BSUID));
    assertThat(status.recipientKey()).isEqualTo(BSUID_THREAD);
  }

  // ---- ingest ----

  @Test
  void numberAndBsuid_storesTheLookup_andALaterBsuidOnlyMessageJoinsTheThread() {
    assertThat(ingest(text("wamid.1", true, true))).isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(stores.userIds().findCustomer(new UserId(BSUID), NOW)).contains(CUSTOMER);

    assertThat(ingest(text("wamid.2", false, true))).isEqualTo(new IngestOutcome.Stored(1, 0));

    assertThat(stores.timeline().live(CUSTOMER, "message", NOW))
        .extracting(item -> item.get("wamid"))
        .containsExactly("wamid.1", "wamid.2");
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW))
        .allSatisfy(item -> assertThat(item).containsEntry("user_id", BSUID));
    assertThat(stores.timeline().live(BSUID_THREAD, NOW)).isEmpty();
  }

  @Test
  void bsuidOnlyAndNumberInOneDelivery_oneThread() {
    byte[] both =
        webhookOf(
            List.of(message("wamid.a", false, T + 1, "hi"), message("wamid.b", true, T + 2, "hi")),
            contact(true));
    assertThat(ingest(both)).isEqualTo(new IngestOutcome.Stored(2, 0));
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW)).hasSize(2);
    assertThat(stores.timeline().live(BSUID_THREAD, NOW)).isEmpty();
  }

  @Test
  void bsuidOnlyFirstContact_getsItsOwnThread_readableByBsuid_untilTheNumberIsKnown() {
    ThreadReading reading =
        new ThreadReading(
            new InMemoryThreadReader(stores),
            stores.userIds(),
            "ZA",
            Clock.fixed(NOW, ZoneOffset.UTC));
    // GIVEN a customer with a username whose number Frontdoor has never seen
    assertThat(ingest(text("wamid.1", false, true))).isEqualTo(new IngestOutcome.Stored(1, 0));
    ThreadAnswer byBsuid = reading.read(new ThreadRequest(BSUID, null, null, null));
    assertThat(byBsuid.page().orElseThrow().customer()).isEqualTo("~" + BSUID);
    assertThat(byBsuid.page().orElseThrow().items())
        .singleElement()
        .satisfies(item -> assertThat(item).containsEntry("wamid", "wamid.1"));

    // WHEN their number appears beside the BSUID (a status of a message sent to the number)
    queuedMessage("wamid.out");
    ingest(status("wamid.out", "delivered", T + 5, true, true));
    // AND they write again with the BSUID only
    ingest(text("wamid.2", false, true));

    // THEN the BSUID now names the number's thread; ~BSUID still reads what came before
    assertThat(stores.userIds().findCustomer(new UserId(BSUID), NOW)).contains(CUSTOMER);
    ThreadAnswer after = reading.read(new ThreadRequest(BSUID, null, null, null));
    assertThat(after.page().orElseThrow().customer()).isEqualTo(CUSTOMER.e164());
    assertThat(after.page().orElseThrow().items())
        .extracting(item -> item.get("wamid"))
        .contains("wamid.2", "wamid.out");
    ThreadAnswer before = reading.read(new ThreadRequest("~" + BSUID, null, null, null));
    assertThat(before.page().orElseThrow().items())
        .extracting(item -> item.get("wamid"))
        .containsExactly("wamid.1");
    assertThat(reading.read(new ThreadRequest("ZA.", null, null, null)).refusal())
        .startsWith("phone: not a business-scoped user id");
  }

  @Test
  void bsuidOnly_retried_storedOnce_andTheLookupWrittenOncePerCustomer() {
    assertThat(ingest(text("wamid.1", false, true))).isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(ingest(text("wamid.1", false, true))).isEqualTo(new IngestOutcome.Stored(0, 1));
    assertThat(stores.timeline().live(BSUID_THREAD, "message", NOW)).hasSize(1);

    try (WhatsAppIngest ingest = ingest()) {
      for (int i = 0; i < 5; i++) {
        ingest.ingest(signed(text("wamid.n" + i, true, true)));
      }
      ingest.ingest(signed(text("wamid.n0", true, true)));
    }
    // One lookup write for the customer's stream of messages, not one per message.
    assertThat(stores.userIds().writes()).isEqualTo(1);
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW)).hasSize(5);
  }

  @Test
  void statusWithBsuidOnly_convergesOnItsMessage() {
    MessageRef message = queuedMessage("wamid.out");

    assertThat(ingest(status("wamid.out", "read", T + 9, false, true)))
        .isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(ingest(status("wamid.out", "read", T + 9, false, true)))
        .isEqualTo(new IngestOutcome.Stored(0, 1));

    // The message is the status's record, and keeps the BSUID it was read under (for erasure).
    assertThat(stores.messages().item(message).orElseThrow())
        .containsEntry("status", "read")
        .containsEntry("user_id", BSUID);
    assertThat(stores.timeline().live(CUSTOMER, "status", NOW)).isEmpty();
    assertThat(stores.timeline().live(BSUID_THREAD, NOW)).isEmpty();
  }

  @Test
  void malformedBsuidOnly_keptRaw_deliveryAnswered() {
    byte[] body = text("wamid.1", false, false, m -> m.put("from_user_id", "not-a-bsuid"));
    assertThat(ingest(body)).isEqualTo(new IngestOutcome.Stored(1, 0));
    assertThat(stores.rawEvents().events())
        .singleElement()
        .satisfies(raw -> assertThat(raw.kind()).isEqualTo("unroutable:message"));
  }

  @Test
  void bsuidOnlyStop_optsOutTheResolvedThread() {
    stores.userIds().putUserId(new UserId(BSUID), CUSTOMER, NOW);
    ingest(webhookOf(List.of(message("wamid.stop", false, T, "STOP")), contact(false)));
    assertThat(stores.customers().threadState(CUSTOMER, BUSINESS, NOW).optedOut()).isTrue();
  }

  @Test
  void bsuidOnlyStop_beforeTheNumberIsKnown_carriedOverToTheNumbersThread() {
    // GIVEN a customer known only by BSUID who opted out
    ingest(webhookOf(List.of(message("wamid.stop", false, T, "STOP")), contact(false)));
    assertThat(stores.customers().optOut(BSUID_THREAD, NOW).orElseThrow())
        .containsEntry("opted_out", true);
    assertThat(stores.customers().threadState(CUSTOMER, BUSINESS, NOW).optedOut()).isFalse();
    // WHEN a status pairs the BSUID with their number
    queuedMessage("wamid.out");
    ingest(status("wamid.out", "sent", T + 5, true, true));
    // THEN a send to the number sees the opt-out
    assertThat(stores.customers().threadState(CUSTOMER, BUSINESS, NOW).optedOut()).isTrue();
    assertThat(stores.customers().optOut(CUSTOMER, NOW).orElseThrow())
        .containsEntry("changed_at", T * 1000);
  }

  @Test
  void paymentStatusWithBsuidOnly_placedInThePairedNumbersThread() {
    stores.userIds().putUserId(new UserId(BSUID), CUSTOMER, NOW);
    // An order payment status (status_payment_order_details.json's type) naming the BSUID only.
    ingest(status("wamid.order", "captured", T, false, true, s -> s.put("type", "payment")));
    assertThat(stores.timeline().live(CUSTOMER, "status", NOW))
        .singleElement()
        .satisfies(item -> assertThat(item).containsEntry("status", "payment_captured"));
    assertThat(stores.timeline().live(BSUID_THREAD, NOW)).isEmpty();
  }

  // ---- payloads (the published text.json / status_sent.json shapes) ----

  private static byte[] text(String wamid, boolean withNumber, boolean withUsername) {
    return text(wamid, withNumber, withUsername, m -> {});
  }

  /** text.json with a BSUID: the number in wa_id/from only when {@code withNumber}. */
  private static byte[] text(
      String wamid, boolean withNumber, boolean withUsername, Consumer<ObjectNode> edit) {
    ObjectNode root = published("text.json");
    ObjectNode value = value(root);
    ObjectNode contact = (ObjectNode) value.get("contacts").get(0);
    contact.put("user_id", BSUID);
    if (withUsername) {
      ((ObjectNode) contact.get("profile")).put("username", "@thandi");
    }
    ObjectNode message = (ObjectNode) value.get("messages").get(0);
    message.put("id", wamid);
    message.put("from_user_id", BSUID);
    if (withNumber) {
      contact.put("wa_id", WA_ID);
      message.put("from", WA_ID);
    } else {
      contact.remove("wa_id");
      message.remove("from");
    }
    edit.accept(message);
    return bytes(root);
  }

  private static String message(String wamid, boolean withNumber, long timestamp, String body) {
    return "{"
        + (withNumber ? "\"from\":\"" + WA_ID + "\"," : "")
        + "\"from_user_id\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}"
            .formatted(BSUID, wamid, timestamp, body);
  }

  private static String contact(boolean withNumber) {
    return "{\"profile\":{\"name\":\"Sheena Nelson\",\"username\":\"@thandi\"},"
        + (withNumber ? "\"wa_id\":\"" + WA_ID + "\"," : "")
        + "\"user_id\":\""
        + BSUID
        + "\"}";
  }

  private static byte[] webhookOf(List<String> messages, String contact) {
    ObjectNode root = published("text.json");
    ObjectNode value = value(root);
    try {
      value.set("contacts", JSON.readTree("[" + contact + "]"));
      value.set("messages", JSON.readTree("[" + String.join(",", messages) + "]"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes(root);
  }

  /** status_sent.json's shape, for a message of ours, with the number and/or the BSUID. */
  private static byte[] status(
      String wamid, String status, long timestamp, boolean withNumber, boolean withBsuid) {
    return status(wamid, status, timestamp, withNumber, withBsuid, s -> {});
  }

  private static byte[] status(
      String wamid,
      String status,
      long timestamp,
      boolean withNumber,
      boolean withBsuid,
      Consumer<ObjectNode> edit) {
    ObjectNode root = published("status_sent.json");
    ObjectNode entry = (ObjectNode) value(root).get("statuses").get(0);
    entry.put("id", wamid);
    entry.put("status", status);
    entry.put("timestamp", String.valueOf(timestamp));
    entry.remove("biz_opaque_callback_data");
    if (withNumber) {
      entry.put("recipient_id", WA_ID);
    } else {
      entry.remove("recipient_id");
    }
    if (withBsuid) {
      entry.put("recipient_user_id", BSUID);
    }
    edit.accept(entry);
    return bytes(root);
  }

  private static ObjectNode published(String name) {
    try {
      return (ObjectNode) JSON.readTree(MetaSpecs.webhook(name));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode value(ObjectNode root) {
    ObjectNode value = (ObjectNode) root.get("entry").get(0).get("changes").get(0).get("value");
    ((ObjectNode) value.get("metadata")).put("phone_number_id", BUSINESS);
    return value;
  }

  private static byte[] bytes(ObjectNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- plumbing ----

  private WebhookBatch parse(byte[] body) {
    return parser.parse(body);
  }

  private WhatsAppIngest ingest() {
    return new WhatsAppIngest(
        new WebhookSignature(List.of(SECRET)),
        parser,
        stores.ingest(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        1 << 20);
  }

  private static WebhookDelivery signed(byte[] body) {
    return new WebhookDelivery(body, WebhookSignature.sign(body, SECRET), "application/json");
  }

  private IngestOutcome ingest(byte[] body) {
    try (WhatsAppIngest ingest = ingest()) {
      return ingest.ingest(signed(body));
    }
  }

  /** An outbound message to the customer's number, accepted by Meta as {@code wamid}. */
  private MessageRef queuedMessage(String wamid) {
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
    MessageRef ref = stores.messages().findByMessageId(id, NOW).orElseThrow();
    stores.messages().putWamidLookup(wamid, ref, NOW);
    return ref;
  }
}
