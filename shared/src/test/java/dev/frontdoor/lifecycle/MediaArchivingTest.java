package dev.frontdoor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.config.Secret;
import dev.frontdoor.lifecycle.MediaArchiveOutcome.Result;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.memory.InMemoryErasureStore;
import dev.frontdoor.testing.memory.InMemoryMediaArchive;
import dev.frontdoor.testing.memory.InMemoryMediaRecords;
import dev.frontdoor.testing.memory.InMemoryUserIdStore;
import dev.frontdoor.testing.memory.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The archive's policy over in-memory ports: what is stored, recorded, retried or refused. */
class MediaArchivingTest {
  static final String SK = "EV#1749416383000#MSG#wamid.media-1";
  static final byte[] BYTES = "\u00ff\u00d8 a small jpeg".getBytes(StandardCharsets.ISO_8859_1);

  final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T10:00:00Z"));
  final CustomerRefs refs = new CustomerRefs(Secret.of("media-test-ref-key-0001"));
  final CustomerKey thread = CustomerKey.of(new CustomerNumber(Sensitive.CUSTOMER_E164));
  final String ref = refs.of(thread);
  final InMemoryMediaRecords records = new InMemoryMediaRecords();
  final InMemoryMediaArchive archive = new InMemoryMediaArchive();
  final Deque<MediaFetch> answers = new ArrayDeque<>();
  int fetches;
  final MediaArchiving archiving =
      new MediaArchiving(
          records,
          (mediaId, maxBytes) -> {
            fetches++;
            return answers.isEmpty() ? new MediaFetch.Unavailable("no answer") : answers.poll();
          },
          archive,
          clock,
          1000,
          3);

  void seed(String sha256, long receivedAt) {
    records.put(
        new ArchivableMedia(
            thread,
            SK,
            ref,
            "1003383421387256",
            sha256,
            "image/jpeg",
            receivedAt,
            Optional.empty()));
  }

  static String hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static String base64(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void matchingBytes_areStoredUnderTheCustomersPseudonym_andRecorded() throws Exception {
    // Meta's webhooks write the sha256 as base64
    seed(base64(BYTES), clock.millis());
    answers.add(new MediaFetch.Fetched(BYTES, "image/jpeg", hex(BYTES)));

    MediaArchiveOutcome outcome = archiving.archive(new ArchiveMediaCommand(thread, SK, 1));

    assertThat(outcome.result()).isEqualTo(Result.ARCHIVED);
    String key = "media/" + ref + "/1003383421387256";
    assertThat(outcome.key()).contains(key);
    assertThat(archive.get(key)).get().isEqualTo(BYTES);
    assertThat(records.recorded(thread, SK))
        .get()
        .extracting(r -> r.state(), r -> r.key(), r -> r.sha256(), r -> r.bytes())
        .containsExactly("archived", key, hex(BYTES), (long) BYTES.length);

    // a second delivery of the job fetches nothing
    assertThat(archiving.archive(new ArchiveMediaCommand(thread, SK, 1)).result())
        .isEqualTo(Result.SKIPPED);
    assertThat(fetches).isEqualTo(1);
  }

  @Test
  void hexSha256_isAcceptedToo() throws Exception {
    seed(hex(BYTES), clock.millis());
    answers.add(new MediaFetch.Fetched(BYTES, "image/jpeg", null));
    assertThat(archiving.archive(new ArchiveMediaCommand(thread, SK, 1)).result())
        .isEqualTo(Result.ARCHIVED);
  }

  @Test
  void bytesThatAreNotTheWebhooksMedia_areNotStored_andRecordedFailed() throws Exception {
    seed(base64("the real picture".getBytes(StandardCharsets.UTF_8)), clock.millis());
    answers.add(new MediaFetch.Fetched(BYTES, "image/jpeg", hex(BYTES)));

    MediaArchiveOutcome outcome = archiving.archive(new ArchiveMediaCommand(thread, SK, 1));

    assertThat(outcome.result()).isEqualTo(Result.FAILED);
    assertThat(outcome.reason()).contains("sha256 mismatch");
    assertThat(archive.all()).isEmpty();
    assertThat(records.recorded(thread, SK))
        .get()
        .extracting(r -> r.state(), r -> r.reason())
        .containsExactly("failed", outcome.reason());
  }

  @Test
  void bytesThatAreNotTheEndpointsDeclaredMedia_areNotStored() throws Exception {
    seed(base64(BYTES), clock.millis());
    answers.add(new MediaFetch.Fetched(BYTES, "image/jpeg", hex("other".getBytes())));
    assertThat(archiving.archive(new ArchiveMediaCommand(thread, SK, 1)).result())
        .isEqualTo(Result.FAILED);
    assertThat(archive.all()).isEmpty();
  }

  @Test
  void aRefusal_isRecordedWithItsReason_andNothingStored() throws Exception {
    seed(base64(BYTES), clock.millis());
    answers.add(new MediaFetch.Refused("redirect refused (302 to elsewhere.example)"));
    MediaArchiveOutcome outcome = archiving.archive(new ArchiveMediaCommand(thread, SK, 1));
    assertThat(outcome.result()).isEqualTo(Result.FAILED);
    assertThat(records.recorded(thread, SK).orElseThrow().reason()).contains("redirect refused");
    assertThat(archive.all()).isEmpty();
  }

  @Test
  void transientFailures_areRetried_thenRecordedFailedOnTheLastAttempt() throws Exception {
    seed(base64(BYTES), clock.millis());
    answers.add(new MediaFetch.Unavailable("timed out after 30000 ms"));
    answers.add(new MediaFetch.Unavailable("timed out after 30000 ms"));
    answers.add(new MediaFetch.Unavailable("graph.facebook.com answered 503"));

    assertThat(archiving.archive(new ArchiveMediaCommand(thread, SK, 1)).result())
        .isEqualTo(Result.RETRY);
    assertThat(archiving.archive(new ArchiveMediaCommand(thread, SK, 2)).result())
        .isEqualTo(Result.RETRY);
    assertThat(records.recorded(thread, SK)).isEmpty();
    MediaArchiveOutcome last = archiving.archive(new ArchiveMediaCommand(thread, SK, 3));
    assertThat(last.result()).isEqualTo(Result.FAILED);
    assertThat(records.recorded(thread, SK).orElseThrow().reason())
        .isEqualTo("graph.facebook.com answered 503 (after 3 attempts)");
  }

  @Test
  void aMediaIdPastMetasSevenDays_isNotFetched() throws Exception {
    seed(base64(BYTES), clock.millis() - Duration.ofDays(7).toMillis() - 1);
    MediaArchiveOutcome outcome = archiving.archive(new ArchiveMediaCommand(thread, SK, 1));
    assertThat(outcome.result()).isEqualTo(Result.FAILED);
    assertThat(outcome.reason()).contains("expired");
    assertThat(fetches).isZero();
  }

  @Test
  void aMessageGone_isSkipped_withoutAFetch() {
    MediaArchiveOutcome outcome = archiving.archive(new ArchiveMediaCommand(thread, SK, 1));
    assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
    assertThat(fetches).isZero();
  }

  @Test
  void aMessageErasedWhileFetching_leavesNoArchivedObject() throws Exception {
    seed(base64(BYTES), clock.millis());
    MediaArchiving racing =
        new MediaArchiving(
            records,
            (mediaId, maxBytes) -> {
              records.remove(thread, SK); // erasure deletes the message meanwhile
              return new MediaFetch.Fetched(BYTES, "image/jpeg", null);
            },
            archive,
            clock,
            1000,
            3);
    assertThat(racing.archive(new ArchiveMediaCommand(thread, SK, 1)).result())
        .isEqualTo(Result.SKIPPED);
    assertThat(archive.all()).isEmpty();
  }

  @Test
  void aMalformedMediaId_neverBecomesAKey() throws Exception {
    records.put(
        new ArchivableMedia(
            thread,
            SK,
            ref,
            "../../etc",
            base64(BYTES),
            "image/jpeg",
            clock.millis(),
            Optional.empty()));
    assertThat(archiving.archive(new ArchiveMediaCommand(thread, SK, 1)).result())
        .isEqualTo(Result.FAILED);
    assertThat(fetches).isZero();
  }

  @Test
  void erasure_deletesTheCustomersArchivedMedia_andCountsThem() {
    InMemoryErasureStore store = new InMemoryErasureStore();
    store.put("CUST#" + Sensitive.CUSTOMER_E164, SK, "message");
    archive.put(MediaArchiving.key(ref, "1"), BYTES, "image/jpeg");
    archive.put(MediaArchiving.key(ref, "2"), BYTES, "image/jpeg");
    String otherRef = refs.of(new CustomerNumber(Sensitive.SECOND_CUSTOMER_E164));
    archive.put(MediaArchiving.key(otherRef, "3"), BYTES, "image/jpeg");
    CustomerErasure erasure =
        new CustomerErasure(
            store,
            new InMemoryUserIdStore(Duration.ofDays(365)),
            refs,
            "ZA",
            clock,
            Duration.ZERO,
            archive);

    ErasureOutcome outcome =
        erasure.erase(new EraseCommand("test-client", Sensitive.CUSTOMER_E164));

    ErasureReceipt receipt = outcome.receipt().orElseThrow();
    assertThat(receipt.removed()).containsEntry("media", 2L).containsEntry("message", 1L);
    assertThat(receipt.total()).isEqualTo(3);
    assertThat(archive.all()).containsOnlyKeys(MediaArchiving.key(otherRef, "3"));
    // repeated: nothing left to erase
    assertThat(
            erasure
                .erase(new EraseCommand("test-client", Sensitive.CUSTOMER_E164))
                .receipt()
                .orElseThrow()
                .total())
        .isZero();
  }
}
