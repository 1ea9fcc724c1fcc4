package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.adapter.out.dynamodb.DynamoDbIdempotencyStore;
import dev.frontdoor.outbound.send.IdempotencyClaim;
import dev.frontdoor.outbound.send.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key past its 24 h life is taken over by exactly one request, however many race for
 * it (data-model section 7), on the local table engine. Time is the store's {@code now} argument.
 */
class IdempotencyTakeoverIT extends InboundScenario {
  private static final int TRIALS = 20;
  private static final int RACERS = 8;
  private static final Instant NOW = Instant.now();

  @Test
  void expiredKey_concurrentTakeovers_exactlyOneWins() throws Exception {
    DynamoDbIdempotencyStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      for (int trial = 0; trial < TRIALS; trial++) {
        // GIVEN a key used and answered 25 h ago (expired, not yet removed by TTL)
        String key = "takeover-" + trial;
        Instant then = NOW.minus(Duration.ofHours(25));
        assertThat(
                store.claimIdempotencyKey("client", key, "old-hash", "old-" + trial, then).isNew())
            .isTrue();
        store.completeIdempotencyKey("client", key, SendOutcome.queued("old-" + trial));
        // WHEN several requests with the same body take it over at once
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<IdempotencyClaim>> claims = new ArrayList<>();
        for (int racer = 0; racer < RACERS; racer++) {
          String messageId = "new-" + trial + "-" + racer;
          claims.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.claimIdempotencyKey("client", key, "new-hash", messageId, NOW);
                  }));
        }
        // THEN exactly one owns it; the others see its claim (its message id, no old answer)
        List<IdempotencyClaim> results = new ArrayList<>();
        for (Future<IdempotencyClaim> claim : claims) {
          results.add(claim.get());
        }
        List<IdempotencyClaim> winners = results.stream().filter(IdempotencyClaim::isNew).toList();
        assertThat(winners).as("trial %d", trial).hasSize(1);
        String winnerId = winners.get(0).messageId();
        assertThat(results)
            .filteredOn(claim -> !claim.isNew())
            .allSatisfy(
                claim -> {
                  assertThat(claim.messageId()).isEqualTo(winnerId);
                  assertThat(claim.requestHash()).isEqualTo("new-hash");
                  assertThat(claim.answer()).isEmpty();
                });
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void liveKey_isNotTakenOver() {
    DynamoDbIdempotencyStore store = store();
    Instant then = NOW.minus(Duration.ofHours(23));
    assertThat(store.claimIdempotencyKey("client", "live", "hash-1", "first", then).isNew())
        .isTrue();
    IdempotencyClaim again = store.claimIdempotencyKey("client", "live", "hash-2", "second", NOW);
    assertThat(again.isNew()).isFalse();
    assertThat(again.messageId()).isEqualTo("first");
    assertThat(again.requestHash()).isEqualTo("hash-1");
  }

  private static DynamoDbIdempotencyStore store() {
    return new DynamoDbIdempotencyStore(gateway.gateway.dynamoDb(), gateway.table);
  }
}
