package dev.frontdoor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.inbound.WhatsAppIngest;
import dev.frontdoor.threads.MessageRef;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The inbound invariants under load and disorder, on dynalite through the template's route. Sizes
 * scale with {@code -Dfrontdoor.suite.scale=N} (default 1, sized for the 20-minute budget).
 */
class IngestSuitesIT extends InboundScenario {
  private static final int SCALE = Integer.getInteger("frontdoor.suite.scale", 1);

  /** Recent times: items older than the retention would be expired (and removed) at once. */
  private static final long NOW_S = System.currentTimeMillis() / 1000 - 3600;

  private static final List<String> STATUSES = List.of("sent", "delivered", "read", "failed");
  private static final Map<String, Integer> RANK =
      Map.of("sent", 2, "failed", 3, "delivered", 4, "read", 5);

  @Test
  void sameWebhook_100ConcurrentCopies_storesExactlyOneRecordEveryTrial() throws Exception {
    int trials = 30 * SCALE;
    int copies = 100;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Integer> recordsPerTrial = new ArrayList<>();
    int non200 = 0;
    try {
      for (int trial = 0; trial < trials; trial++) {
        String wamid = "wamid.concurrent-" + trial + "-" + System.nanoTime();
        byte[] body = Webhooks.text(wamid, "27821230000", NOW_S + trial, "copy " + trial);
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
          sends.add(CompletableFuture.supplyAsync(() -> gateway.deliver(body), pool));
        }
        int newCount = 0;
        for (CompletableFuture<HttpResponse<String>> send : sends) {
          HttpResponse<String> response = send.join();
          if (response.statusCode() != 200) {
            non200++;
            continue;
          }
          newCount += InboundGateway.JSON.readTree(response.body()).get("new").asInt();
        }
        long records =
            gateway.partition("CUST#+27821230000").stream()
                .filter(item -> item.get("sk").s().endsWith("#MSG#" + wamid))
                .count();
        assertThat(records).as("trial " + trial).isEqualTo(1);
        assertThat(newCount).as("trial " + trial + ": exactly one delivery stored it").isEqualTo(1);
        recordsPerTrial.add((int) records);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(non200).isZero();
    System.out.printf(
        "FIGURE concurrency: %d trials x %d concurrent copies -> records per trial min %d max %d, non-200 answers %d%n",
        trials, copies, Collections.min(recordsPerTrial), Collections.max(recordsPerTrial), non200);
  }

  @Test
  void mixedWebhook_50ConcurrentCopies_storesEachEntryOnce() throws Exception {
    // GIVEN a webhook of several kinds: a text, a STOP (an opt-out), an unsupported message type
    // (kept with its raw JSON), and two statuses of messages not known yet (kept pending); how many
    // entries and items one delivery of such a body stores, measured on one of its own
    int before = gateway.itemCount();
    int single = newOf(gateway.deliver(mixedBody(-1)));
    int itemsOfOne = gateway.itemCount() - before;
    assertThat(single).isEqualTo(5);
    int trials = 5 * SCALE;
    int copies = 50;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int trial = 0; trial < trials; trial++) {
        byte[] body = mixedBody(trial);
        int itemsBefore = gateway.itemCount();
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
          sends.add(CompletableFuture.supplyAsync(() -> gateway.deliver(body), pool));
        }
        // WHEN 50 copies arrive at once
        int stored = 0;
        for (CompletableFuture<HttpResponse<String>> send : sends) {
          HttpResponse<String> response = send.join();
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          stored += newOf(response);
        }
        // THEN each entry was new to exactly one copy, and the table holds one delivery's items
        assertThat(stored).as("trial %d", trial).isEqualTo(single);
        assertThat(gateway.itemCount() - itemsBefore).as("trial %d", trial).isEqualTo(itemsOfOne);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "FIGURE mixed concurrency: %d trials x %d copies of a 5-entry webhook -> each entry stored"
            + " once, %d items a delivery%n",
        trials, copies, itemsOfOne);
  }

  private static int newOf(HttpResponse<String> response) throws java.io.IOException {
    return InboundGateway.JSON.readTree(response.body()).get("new").asInt();
  }

  /** Trial {@code n}'s body: its own customer and wamids, the same shape every time. */
  private static byte[] mixedBody(int n) {
    String waId = String.format("2784%07d", 5_000_000 + n);
    String tag = n + "-" + System.nanoTime();
    byte[] unsupported = Webhooks.text("wamid.mixed-u-" + tag, waId, NOW_S + 2, "x");
    unsupported =
        new String(unsupported, java.nio.charset.StandardCharsets.UTF_8)
            .replace(
                "\"type\":\"text\",\"text\":{\"body\":\"x\"}",
                "\"type\":\"hologram\",\"hologram\":{\"id\":\"h1\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Webhooks.combined(
        Webhooks.text("wamid.mixed-t-" + tag, waId, NOW_S, "hello"),
        Webhooks.text("wamid.mixed-s-" + tag, waId, NOW_S + 1, "STOP"),
        unsupported,
        Webhooks.status("wamid.mixed-p1-" + tag, "delivered", waId, NOW_S + 3),
        Webhooks.status("wamid.mixed-p2-" + tag, "read", waId, NOW_S + 4));
  }

  @Test
  void statuses_everyOrderWithRepeats_convergeOnTheHighestAndKeepTheError() throws Exception {
    List<List<String>> orders = orders(new ArrayList<>(), new ArrayList<>(STATUSES));
    Random random = new Random(42);
    int deliveries = 0;
    int customer = 0;
    for (List<String> order : orders) {
      String e164 = String.format("+2782%07d", 1_000_000 + customer++);
      String wamid = "wamid.order-" + String.join("-", order) + "-" + System.nanoTime();
      OutboundSeed.Seeded seeded = OutboundSeed.queued(gateway, e164, true, wamid);
      List<String> sequence = new ArrayList<>(order);
      List<String> repeats = new ArrayList<>(order);
      Collections.shuffle(repeats, random);
      sequence.addAll(repeats);
      for (String status : sequence) {
        long seconds = NOW_S + STATUSES.indexOf(status);
        HttpResponse<String> response =
            gateway.deliver(Webhooks.status(wamid, status, e164.substring(1), seconds));
        assertThat(response.statusCode()).isEqualTo(200);
        deliveries++;
      }
      assertConverged(e164, seeded.sk(), order);
    }
    System.out.printf(
        "FIGURE status convergence: %d orders of sent/delivered/read/failed, each delivered twice (%d deliveries) -> all converged%n",
        orders.size(), deliveries);
  }

  @Test
  void statuses_beforeTheirMessageIsKnown_areKeptAndAppliedWhenItAppears() throws Exception {
    WhatsAppIngest ingest = gateway.directIngest();
    int permutations = 0;
    for (List<String> order : orders(new ArrayList<>(), new ArrayList<>(STATUSES))) {
      if (order.size() != STATUSES.size()) {
        continue;
      }
      String e164 = String.format("+2783%07d", 1_000_000 + permutations++);
      String wamid = "wamid.early-" + System.nanoTime();
      // GIVEN statuses that arrive before the sender recorded the wamid
      for (String status : order) {
        gateway.deliver(
            Webhooks.status(wamid, status, e164.substring(1), NOW_S + STATUSES.indexOf(status)));
      }
      assertThat(gateway.partition("WAMID#" + wamid)).hasSize(order.size());
      // WHEN the message appears with that wamid (the sender's half of the protocol)
      OutboundSeed.Seeded seeded = OutboundSeed.queued(gateway, e164, true, wamid);
      int applied =
          ingest.applyPending(
              wamid, new MessageRef(new CustomerNumber(e164), seeded.sk()), Instant.now());
      // THEN every status was applied once and nothing is left pending
      assertThat(applied).isEqualTo(order.size());
      assertConverged(e164, seeded.sk(), order);
      assertThat(gateway.partition("WAMID#" + wamid))
          .noneSatisfy(item -> assertThat(item.get("sk").s()).startsWith("PENDING#"));
    }
    System.out.printf(
        "FIGURE pending statuses: %d orders arrived before their message, all applied%n",
        permutations);
  }

  private void assertConverged(String e164, String sk, List<String> statuses) {
    Map<String, AttributeValue> message = OutboundSeed.message(gateway, e164, sk);
    String expected = statuses.stream().max((a, b) -> RANK.get(a) - RANK.get(b)).orElseThrow();
    assertThat(message.get("status").s()).as(statuses.toString()).isEqualTo(expected);
    assertThat(message.get("status_rank").n()).isEqualTo(RANK.get(expected).toString());
    for (String status : statuses) {
      assertThat(message)
          .as(statuses + " keeps when " + status + " was first seen")
          .containsKey("status_at_" + status);
    }
    assertThat(message.containsKey("error"))
        .as(statuses + " keeps the failure")
        .isEqualTo(statuses.contains("failed"));
    if (statuses.contains("failed")) {
      // Meta's error as the failed webhook carried it (Webhooks.status), whatever came after.
      Map<String, AttributeValue> error = message.get("error").m();
      assertThat(error.get("code").n()).as(statuses.toString()).isEqualTo("131026");
      assertThat(error.get("title").s()).isEqualTo("Message undeliverable");
    }
    // The message is each status's only record (its first-seen time above): no second item.
    long statusItems =
        gateway.partition("CUST#" + e164).stream()
            .filter(item -> item.get("sk").s().contains("#STATUS#"))
            .count();
    assertThat(statusItems).as(statuses + ": stored on the message only").isZero();
  }

  /** Every ordered arrangement of every non-empty subset (64 for four statuses). */
  private static List<List<String>> orders(List<String> prefix, List<String> rest) {
    List<List<String>> all = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      List<String> next = new ArrayList<>(prefix);
      next.add(rest.get(i));
      List<String> remaining = new ArrayList<>(rest);
      remaining.remove(i);
      all.add(next);
      all.addAll(orders(next, remaining));
    }
    return all;
  }

  @Test
  void bodies_mutatedAndRandomButSigned_neverAnswer5xx() throws Exception {
    int count = 3000 * SCALE;
    BodyFuzzer fuzzer = new BodyFuzzer(new Random(7), MetaFixtureFiles.matching(".json"));
    Map<Integer, AtomicInteger> answers = new java.util.TreeMap<>();
    for (int i = 0; i < count; i++) {
      byte[] body = fuzzer.next();
      var response = gateway.deliver(body);
      int status = response.statusCode();
      answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      assertThat(status).as("fuzz case " + i).isLessThan(500);
      if (status >= 400) {
        // A refusal says why: {"error": {"status": ..., "message": "..."}}.
        JsonNode error = InboundGateway.JSON.readTree(response.body()).path("error");
        assertThat(error.path("status").asInt()).as("fuzz case " + i).isEqualTo(status);
        assertThat(error.path("message").asText()).as("fuzz case " + i).isNotBlank();
      }
    }
    JsonNode health = InboundGateway.JSON.readTree(gatewayHealth());
    assertThat(health.get("status").asText()).isEqualTo("ok");
    System.out.printf(
        "FIGURE fuzz: %d signed mutated/random bodies -> answers %s, 0 5xx, gateway healthy%n",
        count, answers);
  }

  @Test
  void everySingleBitFlip_ofBodyOrSignature_isRefusedAndStoresNothing() throws Exception {
    byte[] body = Webhooks.text("wamid.bitflip", "27821239999", NOW_S, "flip me");
    String signature = InboundGateway.sign(body);
    int before = gateway.itemCount();
    int bodyFlips = 0;
    for (int bit = 0; bit < body.length * 8; bit++) {
      byte[] flipped = body.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(gateway.deliver(flipped, signature, "application/json").statusCode())
          .as("body bit " + bit)
          .isEqualTo(403);
      bodyFlips++;
    }
    int signatureFlips = 0;
    int unsendable = 0;
    WhatsAppIngest direct = gateway.directIngest();
    for (int bit = 0; bit < signature.length() * 8; bit++) {
      char[] chars = signature.toCharArray();
      chars[bit / 8] ^= (char) (1 << (bit % 8));
      String flipped = new String(chars);
      if (flipped.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        assertThat(gateway.deliver(body, flipped, "application/json").statusCode())
            .as("signature bit " + bit)
            .isIn(401, 403);
      } else {
        // Not a header value HTTP can carry: checked on the use case behind the route instead.
        var outcome =
            direct.ingest(
                new dev.frontdoor.inbound.WebhookDelivery(body, flipped, "application/json"));
        assertThat(outcome)
            .as("signature bit " + bit)
            .isInstanceOf(dev.frontdoor.inbound.IngestOutcome.Refused.class);
        unsendable++;
      }
      signatureFlips++;
    }
    assertThat(gateway.itemCount()).as("nothing stored by any flip").isEqualTo(before);
    assertThat(gateway.deliver(body, signature, "application/json").statusCode())
        .as("the unflipped original")
        .isEqualTo(200);
    System.out.printf(
        "FIGURE bit flips: %d body flips + %d signature flips (%d checked behind the route) -> all refused, 0 items stored%n",
        bodyFlips, signatureFlips, unsendable);
  }

  private static String gatewayHealth() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    return client
        .send(
            java.net.http.HttpRequest.newBuilder(gateway.gateway.baseUri().resolve("/local/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
