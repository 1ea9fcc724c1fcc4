package dev.frontdoor.infra.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Meta's pair rate limit: messages from one business number to one recipient, as a token bucket
 * holding {@code burst} messages and earning one back per {@code interval}. Not thread-safe: {@link
 * SandboxGraphApi} calls it under one lock.
 */
final class PairPacer {
  private static final int PRUNE_ABOVE = 10_000;

  private final long intervalNanos;
  private final int burst;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    Instant updated;

    Bucket(double tokens, Instant updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  PairPacer(Duration interval, int burst) {
    this.intervalNanos = Math.max(1, interval.toNanos());
    this.burst = burst;
  }

  boolean allows(String phoneNumberId, String recipient, Instant now) {
    Bucket bucket = buckets.get(key(phoneNumberId, recipient));
    return bucket == null || refilled(bucket, now) >= 1.0;
  }

  void record(String phoneNumberId, String recipient, Instant now) {
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> refilled(b, now) >= burst);
    }
    Bucket bucket =
        buckets.computeIfAbsent(key(phoneNumberId, recipient), k -> new Bucket(burst, now));
    bucket.tokens = refilled(bucket, now) - 1.0;
    bucket.updated = now;
  }

  private double refilled(Bucket bucket, Instant now) {
    long elapsed = Math.max(0, Duration.between(bucket.updated, now).toNanos());
    return Math.min(burst, bucket.tokens + (double) elapsed / intervalNanos);
  }

  private static String key(String phoneNumberId, String recipient) {
    return phoneNumberId + "\u0000" + recipient;
  }
}
