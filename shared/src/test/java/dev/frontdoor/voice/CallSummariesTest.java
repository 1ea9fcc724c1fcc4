package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.Secret;
import dev.frontdoor.outbound.send.BusinessNumbers;
import dev.frontdoor.outbound.send.MessageSending;
import dev.frontdoor.outbound.send.SendRequestReader;
import dev.frontdoor.testing.InboundMessages;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryStores;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallRecord;
import dev.frontdoor.threads.CallState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Wrap-ups and summaries over the in-memory stores and the send API's real use case. */
class CallSummariesTest {
  private static final String BUSINESS = "106540352242922";
  private static final CustomerNumber CUSTOMER = new CustomerNumber(Sensitive.CUSTOMER_E164);
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final String WRAP_UP =
      "{\"agent\":\"thandi\",\"outcome\":\"resolved\",\"reference\":\"CASE-7\","
          + "\"next_steps\":\"Courier tomorrow\",\"notes\":[\"Parcel found\","
          + "{\"text\":\"Escalated internally\",\"internal\":true}]}";

  private final InMemoryStores stores = new InMemoryStores();
  private final List<String> queued = new CopyOnWriteArrayList<>();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final MessageSending sending =
      new MessageSending(
          new SendRequestReader("ZA", new BusinessNumbers(List.of(BUSINESS))),
          stores.idempotency(),
          stores.customers(),
          stores.messages(),
          (messageId, group) -> queued.add(messageId),
          new CustomerRefs(Secret.of("unit-test-ref-key")),
          clock);

  private CallSummaries summaries(Optional<SummaryTemplate> template) {
    return new CallSummaries(
        stores.calls(),
        sending,
        new SummaryComposer(ZoneId.of("Africa/Johannesburg")),
        template,
        clock);
  }

  @Test
  void wrapUpBeforeTheEnd_filed_thenTheEndSendsOneFreeTextSummary() {
    customerWrote(NOW.minusSeconds(600));
    CallRecord call = event("CA1", CallState.ANSWERED, NOW.minusSeconds(300));
    CallSummaries summaries = summaries(Optional.empty());

    WrapUpOutcome filed = summaries.fileWrapUp(command(call, WRAP_UP));
    CallRecord ended = event("CA1", CallState.COMPLETED, NOW.minusSeconds(10));
    summaries.afterCallEvent(ended, NOW);
    summaries.afterCallEvent(ended, NOW);

    assertThat(filed.reason()).isEqualTo(WrapUpOutcome.Reason.FILED);
    assertThat(queued).hasSize(1);
    Map<String, Object> message = sent(queued.get(0));
    assertThat(message)
        .containsEntry("type", "text")
        .containsEntry("agent", "thandi")
        .containsEntry("summary_of_call_id", call.callId());
    assertThat(String.valueOf(message.get("body")))
        .startsWith("Summary of your call on 29 Nov 2026 at 13:55.\nReference: CASE-7")
        .doesNotContain("Escalated");
    assertThat(stores.timeline().live(CUSTOMER, "summary", NOW))
        .singleElement()
        .satisfies(
            summary ->
                assertThat(summary)
                    .containsEntry("message_id", queued.get(0))
                    .containsEntry("mode", "free_text")
                    .containsEntry("by", "thandi"));
  }

  @Test
  void endedOutsideTheWindow_templateWithThreeCleanParameters() {
    CallRecord call = event("CA2", CallState.COMPLETED, NOW.minusSeconds(60));

    WrapUpOutcome outcome =
        summaries(Optional.of(new SummaryTemplate("call_summary", "en")))
            .fileWrapUp(command(call, WRAP_UP));

    assertThat(outcome.reason()).isEqualTo(WrapUpOutcome.Reason.SUMMARY_QUEUED);
    assertThat(outcome.summary()).containsEntry("mode", "template");
    assertThat(queued).hasSize(1);
    assertThat(sent(queued.get(0)))
        .containsEntry("type", "template")
        .containsEntry("body", "template call_summary")
        .containsEntry("summary_of_call_id", call.callId());
  }

  @Test
  void outsideTheWindow_noTemplateOrOptedOut_notSent_nothingQueued() {
    CallRecord first = event("CA3", CallState.COMPLETED, NOW.minusSeconds(60));
    CallRecord second = event("CA4", CallState.COMPLETED, NOW.minusSeconds(60));
    stores
        .customers()
        .recordOptOut(CUSTOMER, true, NOW.minusSeconds(30).toEpochMilli(), "keyword", NOW);

    WrapUpOutcome noTemplate = summaries(Optional.empty()).fileWrapUp(command(first, WRAP_UP));
    WrapUpOutcome optedOut =
        summaries(Optional.of(new SummaryTemplate("call_summary", "en")))
            .fileWrapUp(command(second, WRAP_UP));

    assertThat(noTemplate.reason()).isEqualTo(WrapUpOutcome.Reason.SUMMARY_NOT_SENT);
    assertThat(noTemplate.summary()).containsEntry("reason", "window_closed");
    assertThat(optedOut.reason()).isEqualTo(WrapUpOutcome.Reason.SUMMARY_NOT_SENT);
    assertThat(optedOut.summary()).containsEntry("reason", "opted_out");
    assertThat(queued).isEmpty();
  }

  @Test
  void concurrentEndsAndWrapUps_exactlyOneSummary() throws Exception {
    customerWrote(NOW.minusSeconds(600));
    CallRecord call = event("CA5", CallState.COMPLETED, NOW.minusSeconds(60));
    CallSummaries summaries = summaries(Optional.empty());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      boolean wrapUp = i % 2 == 0;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                if (wrapUp) {
                  summaries.fileWrapUp(command(call, WRAP_UP));
                } else {
                  stores
                      .calls()
                      .findCall("twilio", "CA5", NOW)
                      .ifPresent(found -> summaries.afterCallEvent(found, NOW));
                }
              });
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    // Concurrent triggers share one message id (the queue deduplicates on it): one message.
    assertThat(queued.stream().distinct()).hasSize(1);
    assertThat(stores.timeline().live(CUSTOMER, "message", NOW))
        .filteredOn(item -> "out".equals(item.get("direction")))
        .hasSize(1);
    assertThat(stores.timeline().live(CUSTOMER, "summary", NOW)).hasSize(1);
  }

  @Test
  void review_draftReturned_nothingSentUntilApproved_thenTheEditedText() {
    customerWrote(NOW.minusSeconds(600));
    CallRecord call = event("CA6", CallState.COMPLETED, NOW.minusSeconds(60));
    CallSummaries summaries = summaries(Optional.empty());

    WrapUpOutcome draft =
        summaries.fileWrapUp(command(call, "{\"outcome\":\"resolved\",\"review\":true}"));
    summaries.afterCallEvent(stores.calls().findCall("twilio", "CA6", NOW).orElseThrow(), NOW);
    assertThat(draft.reason()).isEqualTo(WrapUpOutcome.Reason.DRAFTED);
    assertThat(draft.summary()).containsEntry("state", "draft");
    assertThat(queued).isEmpty();

    WrapUpOutcome approved =
        summaries.approve(
            command(call, "{\"text\":\"Resolved: courier tomorrow.\",\"agent\":\"sipho\"}"));
    WrapUpOutcome again = summaries.approve(command(call, ""));

    assertThat(approved.reason()).isEqualTo(WrapUpOutcome.Reason.SUMMARY_QUEUED);
    assertThat(again.reason()).isEqualTo(WrapUpOutcome.Reason.SUMMARY_QUEUED);
    assertThat(queued).hasSize(1);
    assertThat(sent(queued.get(0))).containsEntry("body", "Resolved: courier tomorrow.");
  }

  @Test
  void unknownCallBadBodyOrNothingToApprove_refusedWithReasons() {
    CallRecord call = event("CA7", CallState.RINGING, NOW.minusSeconds(60));
    CallSummaries summaries = summaries(Optional.empty());

    assertThat(
            summaries
                .fileWrapUp(new WrapUpCommand("crm", "twilio:CA-none", bytes(WRAP_UP)))
                .reason())
        .isEqualTo(WrapUpOutcome.Reason.CALL_NOT_FOUND);
    assertThat(summaries.fileWrapUp(new WrapUpCommand("crm", "not a ref", bytes(WRAP_UP))).reason())
        .isEqualTo(WrapUpOutcome.Reason.CALL_NOT_FOUND);
    assertThat(summaries.fileWrapUp(command(call, "{\"colour\":1}")).reason())
        .isEqualTo(WrapUpOutcome.Reason.INVALID);
    assertThat(summaries.approve(command(call, "")).reason())
        .isEqualTo(WrapUpOutcome.Reason.NO_DRAFT);
    assertThat(
            summaries.fileWrapUp(new WrapUpCommand("crm", call.callId(), bytes(WRAP_UP))).reason())
        .isEqualTo(WrapUpOutcome.Reason.FILED);
  }

  /** The outbound message item, as stored. */
  private Map<String, Object> sent(String messageId) {
    return stores.timeline().live(CUSTOMER, "message", NOW).stream()
        .filter(item -> messageId.equals(item.get("message_id")))
        .findFirst()
        .orElseThrow();
  }

  private WrapUpCommand command(CallRecord call, String json) {
    return new WrapUpCommand("crm", "twilio:" + call.providerCallId(), bytes(json));
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private CallRecord event(String sid, CallState state, Instant at) {
    return stores
        .calls()
        .putCallEvent(
            new CallEvent(
                CallProvider.TWILIO,
                sid,
                state.wireName(),
                CUSTOMER,
                "+27105550100",
                CallDirection.INBOUND,
                state,
                state.wireName(),
                at.toEpochMilli(),
                -1,
                state.endsCall() ? 60 : null,
                null,
                Map.of(),
                () -> "CallSid=" + sid),
            NOW)
        .call();
  }

  private void customerWrote(Instant at) {
    stores
        .messages()
        .putInboundMessage(
            InboundMessages.text(
                "wamid." + at.toEpochMilli(),
                CUSTOMER,
                new BusinessNumber(BUSINESS, "27105550100", "102290129340398"),
                at,
                null),
            NOW);
  }
}
