package dev.frontdoor.infra.bench;

import dev.frontdoor.adapter.out.dynamodb.DynamoDbRateLeases;
import dev.frontdoor.adapter.out.graph.HttpGraphApi;
import dev.frontdoor.config.Secret;
import dev.frontdoor.infra.sandbox.SandboxGraphApi;
import dev.frontdoor.outbound.delivery.GraphResult;
import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.outbound.delivery.ThroughputWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code N} senders, each with its own limiter (as separate Lambda instances would have), sharing
 * one business number's schedule in the table, sending to the sandbox Graph API for a while; each
 * sender runs {@code sendsPerSender} sends side by side (each waits for its time, then sends).
 * Counts on the sandbox's arrival times: the largest count of sends in any one-second window, the
 * accepted sends as a share of the limit, and the refusals (130429); and table calls per send. A
 * limit of 0 runs the same senders with no limiter: the machine's own rate, the floor the limited
 * rows are read against ({@code achievedShare} is then sends per second).
 */
public final class LimiterRun {
  public static final int BLOCK = ThroughputLimiter.DEFAULT_BLOCK;

  public record Result(
      int limit,
      int senders,
      int sendsPerSender,
      double seconds,
      long sends,
      int maxInAnyWindow,
      double achievedShare,
      double callsPerSend,
      long refused130429,
      long otherErrors,
      long lateTimes,
      int maxStartedInAnyWindow) {}

  private LimiterRun() {}

  public static Result run(
      DynamoDbClient dynamoDb,
      String table,
      SandboxGraphApi graph,
      String accessToken,
      String phoneNumberId,
      int limit,
      int senders,
      int sendsPerSender,
      Duration duration)
      throws InterruptedException {
    AtomicLong errors = new AtomicLong();
    Map<String, Integer> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ConcurrentLinkedQueue<Long> started =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    AtomicLong recipients = new AtomicLong();
    List<ThroughputLimiter> limiters = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<HttpGraphApi> apis = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      apis.add(new HttpGraphApi(graph.baseUri(), "v23.0", Secret.of(accessToken)));
    }
    warmUp(apis, sendsPerSender, phoneNumberId + "9");
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int s = 0; s < senders; s++) {
      ThroughputLimiter limiter =
          new ThroughputLimiter(
              new DynamoDbRateLeases(dynamoDb, table), Clock.systemUTC(), limit, BLOCK);
      limiters.add(limiter);
      HttpGraphApi api = apis.get(s);
      for (int t = 0; t < sendsPerSender; t++) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    while (System.nanoTime() < end) {
                      if (limit > 0) {
                        limiter.acquire(phoneNumberId);
                      }
                      if (System.nanoTime() >= end) {
                        break;
                      }
                      Instant now = Instant.now();
                      started.add(now.getEpochSecond() * 1_000_000_000L + now.getNano());
                      String to = String.format("2791%07d", recipients.incrementAndGet());
                      GraphResult result = api.send(phoneNumberId, text(to, "limiter bench"));
                      if (result instanceof GraphResult.Rejected rejected) {
                        if (rejected.code() != 130429) {
                          errors.incrementAndGet();
                          errorKinds.merge("rejected " + rejected.code(), 1, Integer::sum);
                        }
                      } else if (result instanceof GraphResult.Unreachable unreachable) {
                        errors.incrementAndGet();
                        errorKinds.merge("unreachable " + unreachable.reason(), 1, Integer::sum);
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    // A table call cut short by the run's end interrupting its thread.
                    if (System.nanoTime() < end) {
                      throw e;
                    }
                  }
                },
                "limiter-sender-" + s + "-" + t);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }
    // Calls are counted over the run: at its end the senders stop waiting for their next time.
    long left = end - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
    long calls = limiters.stream().mapToLong(ThroughputLimiter::reservations).sum();
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = duration.toNanos() / 1e9;
    List<Long> arrivals = new ArrayList<>();
    for (Instant at : graph.arrivals(phoneNumberId)) {
      arrivals.add(at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }
    Collections.sort(arrivals);
    List<Long> starts = new ArrayList<>(started);
    Collections.sort(starts);
    if (Boolean.getBoolean("bench.limiter.trace")) {
      System.out.println(
          "TRACE calls="
              + calls
              + " refusals="
              + limiters.stream().mapToLong(ThroughputLimiter::refusals).sum());
      trace("start", starts);
      trace("arrival", arrivals);
    }
    if (!errorKinds.isEmpty()) {
      System.out.println(
          "BENCH part=limiter other_errors_by_kind=" + new java.util.TreeMap<>(errorKinds));
    }
    long accepted =
        graph.accepted().stream().filter(m -> m.phoneNumberId().equals(phoneNumberId)).count();
    return new Result(
        limit,
        senders,
        sendsPerSender,
        seconds,
        accepted,
        ThroughputWindow.maxInAnyWindow(arrivals),
        limit > 0 ? accepted / (limit * seconds) : accepted / seconds,
        accepted == 0 ? 0 : (double) calls / accepted,
        arrivals.size() - accepted,
        errors.get(),
        limiters.stream().mapToLong(ThroughputLimiter::lateTimes).sum(),
        ThroughputWindow.maxInAnyWindow(starts));
  }

  /** Counts per 100 ms, to see where sends bunch (-Dbench.limiter.trace=true). */
  private static void trace(String what, List<Long> sortedNanos) {
    if (sortedNanos.isEmpty()) {
      return;
    }
    long origin = sortedNanos.get(0);
    java.util.TreeMap<Long, Integer> buckets = new java.util.TreeMap<>();
    for (long t : sortedNanos) {
      buckets.merge((t - origin) / 100_000_000L, 1, Integer::sum);
    }
    System.out.println("TRACE " + what + " per 100 ms: " + buckets.values());
  }

  /**
   * Every sender's sends once side by side, from another number: the connections, threads and code
   * paths a running sender has warm, so the measured sends arrive as they would in a warm instance
   * (a cold one's first requests wait for their connection: see the README).
   */
  private static void warmUp(List<HttpGraphApi> apis, int sendsPerSender, String phoneNumberId)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (HttpGraphApi api : apis) {
      for (int t = 0; t < sendsPerSender; t++) {
        String to = String.format("2792%07d", threads.size());
        Thread thread = new Thread(() -> api.send(phoneNumberId, text(to, "warm-up")));
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static Map<String, Object> text(String to, String body) {
    return Map.of(
        "messaging_product", "whatsapp", "to", to, "type", "text", "text", Map.of("body", body));
  }
}
