package dev.frontdoor.infra.local;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for the local runtime's events and invocation contexts: random (version 4) UUIDs, as
 * API Gateway's and Lambda's are. Not secrets, so drawn from {@link ThreadLocalRandom}: {@link
 * UUID#randomUUID} reads SecureRandom under a lock shared by every request thread.
 */
final class RequestIds {
  private RequestIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
