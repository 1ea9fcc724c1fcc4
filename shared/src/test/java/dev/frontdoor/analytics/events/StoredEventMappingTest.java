package dev.frontdoor.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.analytics.events.port.out.EventPublisher;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mapping of docs/data-model.md 14 over items shaped as the DynamoDB adapters write them
 * (DynamoDbMessageStore, DynamoDbCallStore, DynamoDbErasureStore): numbers as BigDecimal, as a
 * stream record decodes them.
 */
class StoredEventMappingTest {
  private static final String NUMBER = "+27821234567";
  private static final String REF = "3b7e9a0c".repeat(8);
  private final StoredEventMapping mapping = new StoredEventMapping(false);

  @Test
  void insertedInboundMessage_isMessageReceived_withoutBodyOrNumber() {
    Optional<IntegrationEvent> event = mapping.eventOf(StoredChange.insert(inbound()));

    assertThat(event).isPresent();
    assertThat(event.get().type()).isEqualTo("message.received");
    assertThat(event.get().timeMillis()).isEqualTo(1749416383000L);
    assertThat(event.get().data())
        .containsEntry("wamid", "wamid.ABC")
        .containsEntry("customer_ref", REF)
        .containsEntry("business_number_id", "106540352242922")
        .containsEntry("type", "text")
        .containsEntry("at", 1749416383000L)
        .doesNotContainKeys("body", "profile_name", "user_id", "pk", "sk");
    String json = event.get().toJson();
    assertThat(json)
        .contains("\"version\":\"1\"", "\"type\":\"message.received\"")
        .contains("\"time\":\"2025-06-08T20:59:43Z\"")
        .doesNotContain("27821234567")
        .doesNotContain("my order");
  }

  @Test
  void bodyOnlyWhenConfigured() {
    IntegrationEvent event =
        new StoredEventMapping(true).eventOf(StoredChange.insert(inbound())).orElseThrow();

    assertThat(event.data()).containsEntry("body", "Hi, my order 48213 has not arrived");
    assertThat(event.toJson()).doesNotContain("27821234567");
  }

  @Test
  void replayedChange_givesTheSameId_otherChangesOthers() {
    String first = mapping.eventOf(StoredChange.insert(inbound())).orElseThrow().id();
    String replay = mapping.eventOf(StoredChange.insert(inbound())).orElseThrow().id();
    Map<String, Object> other = inbound();
    other.put("sk", "EV#1749416383000#MSG#wamid.OTHER");

    assertThat(replay).isEqualTo(first).startsWith("evt_").hasSize(36);
    assertThat(mapping.eventOf(StoredChange.insert(other)).orElseThrow().id()).isNotEqualTo(first);
  }

  @Test
  void outboundInsert_andInboundModify_areNoEvent() {
    assertThat(mapping.eventOf(StoredChange.insert(outbound("queued")))).isEmpty();
    Map<String, Object> touched = inbound();
    touched.put("lookups", Set.of("BSUID#ZA.1"));
    assertThat(mapping.eventOf(StoredChange.modify(inbound(), touched))).isEmpty();
  }

  @Test
  void statusChange_isMessageStatusChanged_withTheStatusTimeAndError() {
    Map<String, Object> failed = outbound("failed");
    failed.put("status_at_failed", n(1749416395000L));
    failed.put(
        "error",
        map(
            "code",
            n(131047),
            "title",
            "Re-engagement message",
            "details",
            "more text",
            "source",
            "webhook"));

    IntegrationEvent event =
        mapping.eventOf(StoredChange.modify(outbound("sending"), failed)).orElseThrow();

    assertThat(event.type()).isEqualTo("message.status_changed");
    assertThat(event.timeMillis()).isEqualTo(1749416395000L);
    assertThat(event.data())
        .containsEntry("message_id", "01JX8NFBVGK3M7Q2R5T8W1Y4ZC")
        .containsEntry("status", "failed")
        .containsEntry("previous_status", "sending")
        .containsEntry("status_at", 1749416395000L)
        .doesNotContainKeys("body", "payload", "agent", "api_client", "idempotency_key");
    assertThat(event.data().get("error"))
        .isEqualTo(map("code", 131047L, "title", "Re-engagement message", "source", "webhook"));
  }

  @Test
  void sameStatusRewritten_isNoEvent_eachStatusItsOwnId() {
    Map<String, Object> delivered = outbound("delivered");
    Map<String, Object> priced = outbound("delivered");
    priced.put("pricing", map("category", "service"));
    assertThat(mapping.eventOf(StoredChange.modify(delivered, priced))).isEmpty();

    String sent =
        mapping
            .eventOf(StoredChange.modify(outbound("sending"), outbound("sent")))
            .orElseThrow()
            .id();
    String read =
        mapping.eventOf(StoredChange.modify(outbound("sent"), outbound("read"))).orElseThrow().id();
    assertThat(sent).isNotEqualTo(read);
  }

  @Test
  void summaryMessageSent_isSummarySent_itsLaterStatusesStatusChanges() {
    Map<String, Object> sending = summaryMessage("sending");
    Map<String, Object> sent = summaryMessage("sent");
    sent.put("status_at_sent", n(1749417401000L));

    IntegrationEvent event = mapping.eventOf(StoredChange.modify(sending, sent)).orElseThrow();

    assertThat(event.type()).isEqualTo("summary.sent");
    assertThat(event.data())
        .containsEntry("call_id", "01JX8P1Z206H2J4K8M0N3P5Q7R")
        .containsEntry("message_id", "01JX8PE5SVD9E2F4G6H8J0K2M4")
        .containsEntry("sent_at", 1749417401000L)
        .doesNotContainKey("body");
    IntegrationEvent read =
        mapping.eventOf(StoredChange.modify(sent, summaryMessage("read"))).orElseThrow();
    assertThat(read.type()).isEqualTo("message.status_changed");
    assertThat(read.data()).containsEntry("summary_of_call_id", "01JX8P1Z206H2J4K8M0N3P5Q7R");
  }

  @Test
  void explicitSummaryOfCallId_isRecognisedToo() {
    Map<String, Object> sent = outbound("sent");
    sent.put("summary_of_call_id", "01CALL");
    assertThat(mapping.eventOf(StoredChange.modify(outbound("sending"), sent)).orElseThrow().type())
        .isEqualTo("summary.sent");
  }

  @Test
  void callEnded_whenEndedAtNewlyPresent_onceOnly() {
    Map<String, Object> ringing = call();
    Map<String, Object> ended = call();
    ended.put("answered_at", n(1749417012000L));
    ended.put("ended_at", n(1749417312000L));
    ended.put("outcome", "completed");
    ended.put("duration_s", n(300));
    Map<String, Object> wrapped = new LinkedHashMap<>(ended);
    wrapped.put("wrap_up", map("notes", "secret notes"));

    IntegrationEvent event = mapping.eventOf(StoredChange.modify(ringing, ended)).orElseThrow();

    assertThat(event.type()).isEqualTo("call.ended");
    assertThat(event.timeMillis()).isEqualTo(1749417312000L);
    assertThat(event.data())
        .containsEntry("call_id", "01JX8P1Z206H2J4K8M0N3P5Q7R")
        .containsEntry("provider", "twilio")
        .containsEntry("outcome", "completed")
        .containsEntry("duration_s", 300L)
        .doesNotContainKeys("business_number", "wrap_up", "summary", "agent");
    assertThat(mapping.eventOf(StoredChange.modify(ended, wrapped))).isEmpty();
    assertThat(mapping.eventOf(StoredChange.insert(ended)).orElseThrow().id())
        .as("stored already ended: the same event")
        .isEqualTo(event.id());
    assertThat(mapping.eventOf(StoredChange.insert(ringing))).isEmpty();
  }

  @Test
  void tombstoneCompleted_isCustomerErased_aRepeatAnotherEvent() {
    Map<String, Object> started = tombstone("in_progress", 1764450000000L);
    Map<String, Object> done = tombstone("completed", 1764450000000L);
    done.put("completed_at", n(1764450001000L));
    done.put("items_deleted", n(31));

    IntegrationEvent event = mapping.eventOf(StoredChange.modify(started, done)).orElseThrow();

    assertThat(event.type()).isEqualTo("customer.erased");
    assertThat(event.data())
        .containsEntry("customer_ref", REF)
        .containsEntry("items_deleted", 31L)
        .containsEntry("completed_at", 1764450001000L);
    assertThat(mapping.eventOf(StoredChange.insert(started))).isEmpty();
    assertThat(mapping.eventOf(StoredChange.modify(done, done))).isEmpty();
    Map<String, Object> again = tombstone("completed", 1764460000000L);
    assertThat(mapping.eventOf(StoredChange.modify(done, again)).orElseThrow().id())
        .isNotEqualTo(event.id());
  }

  @Test
  void removals_lookupsAndOtherItems_areNoEvent() {
    assertThat(mapping.eventOf(StoredChange.remove(inbound(), true))).isEmpty();
    assertThat(mapping.eventOf(StoredChange.remove(outbound("read"), false))).isEmpty();
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put("pk", "WAMID#wamid.ABC");
    lookup.put("sk", "WAMID");
    lookup.put("entity", "lookup");
    assertThat(mapping.eventOf(StoredChange.insert(lookup))).isEmpty();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("entity", "status");
    status.put("status", "delivered");
    assertThat(mapping.eventOf(StoredChange.insert(status))).isEmpty();
    assertThat(mapping.eventOf(StoredChange.insert(Map.of()))).isEmpty();
  }

  @Test
  void publishing_reportsTheFirstRefusedChange_soTheStreamRetriesFromIt() {
    List<IntegrationEvent> seen = new ArrayList<>();
    EventPublisher refusingTheSecond =
        events -> {
          seen.addAll(events);
          return Set.of(events.get(1).id());
        };
    Map<String, Object> sent = outbound("sent");
    List<StoredChange> batch =
        List.of(
            StoredChange.insert(inbound()),
            StoredChange.remove(inbound(), true),
            StoredChange.modify(outbound("sending"), sent),
            StoredChange.modify(sent, outbound("read")));

    PublishOutcome outcome = new StoredChangePublishing(mapping, refusingTheSecond).publish(batch);

    assertThat(seen)
        .extracting(IntegrationEvent::type)
        .containsExactly("message.received", "message.status_changed", "message.status_changed");
    assertThat(outcome.published()).isEqualTo(2);
    assertThat(outcome.ignored()).isEqualTo(1);
    assertThat(outcome.firstFailed()).hasValue(2);
  }

  private static Map<String, Object> inbound() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pk", "CUST#" + NUMBER);
    item.put("sk", "EV#1749416383000#MSG#wamid.ABC");
    item.put("entity", "message");
    item.put("schema_version", n(1));
    item.put("customer_ref", REF);
    item.put("at", n(1749416383000L));
    item.put("direction", "in");
    item.put("wamid", "wamid.ABC");
    item.put("business_number_id", "106540352242922");
    item.put("display_phone_number", "27105550100");
    item.put("type", "text");
    item.put("body", "Hi, my order 48213 has not arrived");
    item.put("profile_name", "Thandi");
    item.put("user_id", "ZA.1502576394655843");
    item.put("received_at", n(1749416384120L));
    item.put("expires_at", n(1780952384L));
    return item;
  }

  private static Map<String, Object> outbound(String status) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pk", "CUST#" + NUMBER);
    item.put("sk", "EV#1749416390512#MSG#01JX8NFBVGK3M7Q2R5T8W1Y4ZC");
    item.put("entity", "message");
    item.put("customer_ref", REF);
    item.put("at", n(1749416390512L));
    item.put("direction", "out");
    item.put("message_id", "01JX8NFBVGK3M7Q2R5T8W1Y4ZC");
    item.put("business_number_id", "106540352242922");
    item.put("type", "text");
    item.put("payload", "{\"type\":\"text\",\"text\":{\"body\":\"Thanks\"}}");
    item.put("body", "Thanks");
    item.put("status", status);
    item.put("status_at_queued", n(1749416390512L));
    item.put("api_client", "crm");
    item.put("agent", "thandi@example.co.za");
    item.put("idempotency_key", "crm-1");
    return item;
  }

  private static Map<String, Object> summaryMessage(String status) {
    Map<String, Object> item = outbound(status);
    item.put("sk", "EV#1749417400123#MSG#01JX8PE5SVD9E2F4G6H8J0K2M4");
    item.put("message_id", "01JX8PE5SVD9E2F4G6H8J0K2M4");
    item.put("api_client", "frontdoor-summary");
    item.put("idempotency_key", "summary:01JX8P1Z206H2J4K8M0N3P5Q7R:text");
    return item;
  }

  private static Map<String, Object> call() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pk", "CUST#" + NUMBER);
    item.put("sk", "EV#1749417000000#CALL#01JX8P1Z206H2J4K8M0N3P5Q7R");
    item.put("entity", "call");
    item.put("customer_ref", REF);
    item.put("at", n(1749417000000L));
    item.put("call_id", "01JX8P1Z206H2J4K8M0N3P5Q7R");
    item.put("provider", "twilio");
    item.put("provider_call_id", "CA0123");
    item.put("direction", "in");
    item.put("business_number", "+27105550100");
    item.put("started_at", n(1749417000000L));
    return item;
  }

  private static Map<String, Object> tombstone(String state, long erasedAt) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("pk", "ERASED#" + REF);
    item.put("sk", "TOMBSTONE");
    item.put("entity", "tombstone");
    item.put("customer_ref", REF);
    item.put("erased_at", n(erasedAt));
    item.put("state", state);
    return item;
  }

  private static BigDecimal n(long value) {
    return BigDecimal.valueOf(value);
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
