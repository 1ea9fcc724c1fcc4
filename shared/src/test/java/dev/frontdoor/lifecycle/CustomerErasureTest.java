package dev.frontdoor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.UserId;
import dev.frontdoor.config.Secret;
import dev.frontdoor.logging.Log;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryErasureStore;
import dev.frontdoor.testing.memory.InMemoryUserIdStore;
import dev.frontdoor.testing.memory.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomerErasureTest {
  static final String NUMBER = Sensitive.CUSTOMER_E164;
  static final String OTHER = Sensitive.SECOND_CUSTOMER_E164;
  static final String BSUID = Sensitive.CUSTOMER_USER_ID;
  static final String C = "CUST#" + NUMBER;

  final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T10:00:00Z"));
  final CustomerRefs refs = new CustomerRefs(Secret.of("erasure-test-ref-key"));
  final InMemoryErasureStore store = new InMemoryErasureStore();
  final InMemoryUserIdStore userIds = new InMemoryUserIdStore(Duration.ofDays(365));
  final CustomerErasure erasure =
      new CustomerErasure(store, userIds, refs, "ZA", clock, Duration.ZERO);
  final List<String> logs = new ArrayList<>();

  @AfterEach
  void restoreLogs() {
    Log.setSink(System.out::println);
  }

  /** Every item family of data-model section 3 for the customer, and one of another customer. */
  void seedCustomer() {
    store.put(C, "THREAD", "thread");
    store.put(C, "OPTOUT", "optout");
    store.put(C, "PERM#CALL#106540352242922", "call_permission");
    store.put(C, "PACE#106540352242922", "pacing");
    store.put(C, "EV#0000000001000#MSG#wamid.in1", "message", Set.of("BSUID#" + BSUID), BSUID);
    store.put(
        C,
        "EV#0000000002000#MSG#01JX8NFBVGK3M7Q2R5T8W1Y4ZC",
        "message",
        Set.of("MSG#01JX8NFBVGK3M7Q2R5T8W1Y4ZC", "WAMID#wamid.out1", "IDEMP#crm#key-1"),
        null);
    store.put(C, "EV#0000000003000#STATUS#wamid.out1#delivered", "status", Set.of(), BSUID);
    store.put(
        C,
        "EV#0000000004000#CALL#01JX8P1Z206H2J4K8M0N3P5Q7R",
        "call",
        Set.of("CALL#twilio#CA01", "CALL#frontdoor#01JX8P1Z206H2J4K8M0N3P5Q7R"),
        null);
    store.put(C, "EV#0000000004000#CALLEV#01JX8P1Z206H2J4K8M0N3P5Q7R#completed#1", "call_event");
    store.put(C, "EV#0000000005000#SUM#01JX8P1Z206H2J4K8M0N3P5Q7R", "summary");
    store.put("MSG#01JX8NFBVGK3M7Q2R5T8W1Y4ZC", "MSG", "lookup");
    store.put("WAMID#wamid.out1", "WAMID", "lookup");
    store.put("WAMID#wamid.out1", "PENDING#read#0000000006000", "pending_status");
    store.put("IDEMP#crm#key-1", "IDEMP", "idempotency");
    store.put("CALL#twilio#CA01", "CALL", "lookup");
    store.put("CALL#frontdoor#01JX8P1Z206H2J4K8M0N3P5Q7R", "CALL", "lookup");
    store.put("BSUID#" + BSUID, "BSUID", "lookup");
    store.put("CUST#~" + BSUID, "EV#0000000000500#MSG#wamid.early", "message", Set.of(), BSUID);
    store.put("CUST#~" + BSUID, "OPTOUT", "optout");
    store.putRawEvent("unstorable:message", "hash-1", refs.of(new CustomerNumber(NUMBER)));
    store.putRawEvent("unstorable:status", "hash-2", refs.of(CustomerKey.of(new UserId(BSUID))));
    // Another customer's thread and lookups, and a raw event of theirs: untouched.
    store.put("CUST#" + OTHER, "THREAD", "thread");
    store.put("CUST#" + OTHER, "EV#0000000001000#MSG#wamid.other", "message", Set.of(), null);
    store.put("WAMID#wamid.other", "WAMID", "lookup");
    store.putRawEvent("unstorable:message", "hash-3", refs.of(new CustomerNumber(OTHER)));
  }

  Set<String> othersItems() {
    return Set.of(
        "CUST#" + OTHER + " THREAD",
        "CUST#" + OTHER + " EV#0000000001000#MSG#wamid.other",
        "WAMID#wamid.other WAMID",
        "RAW#unstorable:message hash-3",
        "RAWREF#" + refs.of(new CustomerNumber(OTHER)) + " RAW#unstorable:message#hash-3");
  }

  @Test
  void erase_removesEveryItemOfTheCustomer_andTheirBsuidThread_keepsOthers() {
    seedCustomer();

    ErasureOutcome outcome = erasure.erase(new EraseCommand("crm", NUMBER));

    assertThat(outcome.reason()).isEqualTo(ErasureOutcome.Reason.ERASED);
    assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(othersItems());
    ErasureReceipt receipt = outcome.receipt().orElseThrow();
    assertThat(receipt.customerRef()).isEqualTo(refs.of(new CustomerNumber(NUMBER)));
    assertThat(receipt.removed())
        .containsEntry("thread", 1L)
        .containsEntry("optout", 2L)
        .containsEntry("call_permission", 1L)
        .containsEntry("pacing", 1L)
        .containsEntry("message", 3L)
        .containsEntry("status", 1L)
        .containsEntry("call", 1L)
        .containsEntry("call_event", 1L)
        .containsEntry("summary", 1L)
        .containsEntry("pending_status", 1L)
        .containsEntry("idempotency", 1L)
        .containsEntry("raw_event", 2L)
        // MSG#, WAMID#, CALL# x2, BSUID#, and the two raw references
        .containsEntry("lookup", 7L);
    assertThat(receipt.total()).isEqualTo(23);
    assertThat(receipt.customerRefs())
        .containsExactly(
            refs.of(new CustomerNumber(NUMBER)), refs.of(CustomerKey.of(new UserId(BSUID))));
    assertThat(receipt.passes()).isEqualTo(2);
  }

  @Test
  void erase_tombstonesEachThreadFirst_thenCompletes_withoutTheNumber() {
    seedCustomer();
    String ref = refs.of(new CustomerNumber(NUMBER));
    List<List<Tombstone>> atFirstDelete = new ArrayList<>();
    store.beforeDelete(
        call -> {
          if (call == 1) {
            atFirstDelete.add(store.tombstoneWrites());
          }
        });

    erasure.erase(new EraseCommand("crm", NUMBER));

    assertThat(atFirstDelete.get(0))
        .extracting(Tombstone::customerRef, Tombstone::state)
        .contains(
            org.assertj.core.groups.Tuple.tuple(ref, "in_progress"),
            org.assertj.core.groups.Tuple.tuple(
                refs.of(CustomerKey.of(new UserId(BSUID))), "in_progress"));
    Tombstone done = store.tombstone(ref).orElseThrow();
    assertThat(done.state()).isEqualTo("completed");
    assertThat(done.erasedAtMillis()).isEqualTo(clock.millis());
    assertThat(done.itemsDeleted()).isEqualTo(23);
    assertThat(done.toString()).doesNotContain(NUMBER.substring(1)).doesNotContain(BSUID);
  }

  @Test
  void erase_again_answersAZeroReceipt() {
    seedCustomer();
    erasure.erase(new EraseCommand("crm", NUMBER));

    ErasureOutcome again = erasure.erase(new EraseCommand("crm", NUMBER));

    assertThat(again.reason()).isEqualTo(ErasureOutcome.Reason.NOTHING_TO_ERASE);
    assertThat(again.receipt().orElseThrow().total()).isZero();
    assertThat(again.receipt().orElseThrow().removed()).isEmpty();
    assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(othersItems());
  }

  @Test
  void erase_acceptsAnySpellingOfTheNumber() {
    for (String spelling : List.of("+27 82 123 4567", "27821234567", "082 123 4567")) {
      store.put(C, "THREAD", "thread");
      ErasureOutcome outcome = erasure.erase(new EraseCommand("crm", spelling));
      assertThat(outcome.reason()).as(spelling).isEqualTo(ErasureOutcome.Reason.ERASED);
      assertThat(store.contains(C, "THREAD")).isFalse();
    }
  }

  @Test
  void erase_byBsuid_erasesThePairedNumbersThreadAndTheBsuidsOwn() {
    seedCustomer();
    userIds.putUserId(new UserId(BSUID), new CustomerNumber(NUMBER), clock.instant());

    ErasureOutcome outcome = erasure.erase(new EraseCommand("crm", BSUID));

    assertThat(outcome.reason()).isEqualTo(ErasureOutcome.Reason.ERASED);
    assertThat(outcome.receipt().orElseThrow().customerRef())
        .isEqualTo(refs.of(new CustomerNumber(NUMBER)));
    assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(othersItems());
  }

  @Test
  void erase_byUnpairedBsuid_erasesItsOwnThreadAndLookup() {
    store.put("CUST#~" + BSUID, "EV#0000000000500#MSG#wamid.early", "message", Set.of(), BSUID);
    store.put("BSUID#" + BSUID, "BSUID", "lookup");

    ErasureOutcome outcome = erasure.erase(new EraseCommand("crm", "~" + BSUID));

    assertThat(outcome.reason()).isEqualTo(ErasureOutcome.Reason.ERASED);
    assertThat(outcome.receipt().orElseThrow().total()).isEqualTo(2);
    assertThat(store.keys()).isEmpty();
  }

  @Test
  void erase_invalidPath_isRefused() {
    assertThat(erasure.erase(new EraseCommand("crm", "not-a-number")).reason())
        .isEqualTo(ErasureOutcome.Reason.INVALID);
    assertThat(erasure.erase(new EraseCommand("crm", "ZA.bad-id!")).reason())
        .isEqualTo(ErasureOutcome.Reason.INVALID);
    assertThat(store.tombstoneWrites()).isEmpty();
  }

  /**
   * A message stored after a pass read the partition, and its lookup written after that message was
   * deleted (a writer slower than a pass): later passes read the lookup partitions again.
   */
  @Test
  void erase_messageArrivingDuringErasure_isErasedWhole_lookupWrittenLateIncluded() {
    seedCustomer();
    store.beforeDelete(
        call -> {
          if (call == 1) {
            // stored after pass 1 read the partition
            store.put(
                C,
                "EV#0000000009000#MSG#wamid.late",
                "message",
                Set.of("WAMID#wamid.late", "BSUID#" + BSUID),
                BSUID);
            store.put(C, "OPTOUT", "optout");
          }
          if (call == 2) {
            // its lookups, written after pass 2 read them and before pass 2 deleted the message
            store.put("WAMID#wamid.late", "WAMID", "lookup");
            store.put("BSUID#" + BSUID, "BSUID", "lookup");
          }
        });

    ErasureOutcome outcome = erasure.erase(new EraseCommand("crm", NUMBER));

    assertThat(store.keys()).containsExactlyInAnyOrderElementsOf(othersItems());
    assertThat(outcome.reason()).isEqualTo(ErasureOutcome.Reason.ERASED);
    assertThat(outcome.receipt().orElseThrow().passes()).isEqualTo(4);
  }

  @Test
  void erase_itemsArrivingEveryPass_isIncomplete_andTheTombstoneStaysInProgress() {
    store.put(C, "THREAD", "thread");
    AtomicInteger n = new AtomicInteger();
    store.beforeDelete(
        call -> store.put(C, "EV#00000000%05d#MSG#w".formatted(n.incrementAndGet()), "message"));

    ErasureOutcome outcome = erasure.erase(new EraseCommand("crm", NUMBER));

    assertThat(outcome.reason()).isEqualTo(ErasureOutcome.Reason.INCOMPLETE);
    assertThat(outcome.receipt().orElseThrow().passes()).isEqualTo(CustomerErasure.MAX_PASSES);
    assertThat(store.tombstone(refs.of(new CustomerNumber(NUMBER))).orElseThrow().state())
        .isEqualTo("in_progress");
  }

  @Test
  void erase_logsThePseudonym_neverTheNumber() {
    Log.setSink(logs::add);
    seedCustomer();

    erasure.erase(new EraseCommand("crm", "+27 82 123 4567"));

    assertThat(logs).isNotEmpty();
    assertThat(String.join("\n", logs))
        .contains(refs.of(new CustomerNumber(NUMBER)))
        .doesNotContain("821234567")
        .doesNotContain("82 123 4567")
        .doesNotContain(BSUID);
  }

  @Test
  void receipt_removedIsSortedByKind() {
    ErasureReceipt receipt =
        new ErasureReceipt("r", 1, Map.of("thread", 1L, "lookup", 2L), 3, List.of("r"), 1);
    assertThat(receipt.removed().keySet()).containsExactly("lookup", "thread");
  }
}
