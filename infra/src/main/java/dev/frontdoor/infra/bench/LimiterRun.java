package dev.frontdoor.infra.bench;

import dev.frontdoor.adapter.out.dynamodb.DynamoDbRateLeases;
import dev.frontdoor.adapter.out.graph.HttpGraphApi;
import dev.frontdoor.config.Secret;
import dev.frontdoor.outbound.delivery.GraphResult;
import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code N} senders, each with its own limiter (as separate Lambda instances would have), sharing
 * one business number's schedule in the table, sending to a Graph API test server for a while.
 * Measures the largest count of sends in any one-second window, the achieved rate as a share of the
 * limit, table calls per send, and the server's throughput refusals (130429).
 */
public final class LimiterRun {
  public static final int BLOCK = ThroughputLimiter.DEFAULT_BLOCK;

  public record Result(
      int limit,
      int senders,
      double seconds,
      long sends,
      int maxInAnyWindow,
      double achievedShare,
      double callsPerSend,
      long refused130429,
      long otherErrors) {}

  private LimiterRun() {}

  public static Result run(
      DynamoDbClient dynamoDb,
      String table,
      URI graphUrl,
      String accessToken,
      String phoneNumberId,
      int limit,
      int senders,
      Duration duration)
      throws InterruptedException {
    return run(dynamoDb, table, graphUrl, accessToken, phoneNumberId, limit, senders, 1, duration);
  }

  /**
   * {@code threadsPerSender} threads share each sender's limiter, as the sender function sends a
   * batch's customers side by side in one execution environment.
   */
  public static Result run(
      DynamoDbClient dynamoDb,
      String table,
      URI graphUrl,
      String accessToken,
      String phoneNumberId,
      int limit,
      int senders,
      int threadsPerSender,
      Duration duration)
      throws InterruptedException {
    ConcurrentLinkedQueue<Long> sendTimes = new ConcurrentLinkedQueue<>();
    AtomicLong refused = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong recipients = new AtomicLong();
    List<ThroughputLimiter> limiters = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int s = 0; s < senders; s++) {
      ThroughputLimiter limiter =
          new ThroughputLimiter(
              new DynamoDbRateLeases(dynamoDb, table), Clock.systemUTC(), limit, BLOCK);
      limiters.add(limiter);
      HttpGraphApi graph = new HttpGraphApi(graphUrl, "v23.0", Secret.of(accessToken));
      for (int t = 0; t < threadsPerSender; t++) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    while (System.nanoTime() < end) {
                      limiter.acquire(phoneNumberId);
                      if (System.nanoTime() >= end) {
                        break;
                      }
                      sendTimes.add(System.nanoTime());
                      String to = String.format("2791%07d", recipients.incrementAndGet());
                      GraphResult result =
                          graph.send(
                              phoneNumberId,
                              Map.of(
                                  "messaging_product",
                                  "whatsapp",
                                  "to",
                                  to,
                                  "type",
                                  "text",
                                  "text",
                                  Map.of("body", "limiter bench")));
                      if (result instanceof GraphResult.Rejected rejected) {
                        if (rejected.code() == 130429) {
                          refused.incrementAndGet();
                        } else {
                          errors.incrementAndGet();
                        }
                      } else if (!(result instanceof GraphResult.Accepted)) {
                        errors.incrementAndGet();
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "limiter-sender-" + s + "-" + t);
        threads.add(thread);
        thread.start();
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    // The run's own length: threads may sleep past it towards a token they then do not use.
    double seconds = duration.toNanos() / 1e9;
    List<Long> times = new ArrayList<>(sendTimes);
    Collections.sort(times);
    long calls = limiters.stream().mapToLong(ThroughputLimiter::reservations).sum();
    return new Result(
        limit,
        senders,
        seconds,
        times.size(),
        maxInAnyWindow(times),
        times.size() / (limit * seconds),
        times.isEmpty() ? 0 : (double) calls / times.size(),
        refused.get(),
        errors.get());
  }

  /** The largest number of sends whose start falls in any one-second window. */
  static int maxInAnyWindow(List<Long> sortedNanos) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < sortedNanos.size(); to++) {
      while (sortedNanos.get(to) - sortedNanos.get(from) >= 1_000_000_000L) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
