package dev.frontdoor.testing.memory;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;
import dev.frontdoor.threads.port.out.UserIdStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link UserIdStore} in memory, with DynamoDbUserIdStore's put condition. */
public final class InMemoryUserIdStore implements UserIdStore {
  private record Lookup(CustomerNumber customer, long expiresAt) {}

  private final Duration retention;
  private final Map<UserId, Lookup> lookups = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();

  public InMemoryUserIdStore(Duration retention) {
    this.retention = retention;
  }

  @Override
  public boolean putUserId(UserId userId, CustomerNumber customer, Instant now) {
    long expires = now.plus(retention).getEpochSecond();
    AtomicBoolean written = new AtomicBoolean();
    lookups.compute(
        userId,
        (id, old) -> {
          boolean take =
              old == null
                  || old.expiresAt() <= now.getEpochSecond()
                  || old.customer().equals(customer)
                      && old.expiresAt() < expires - retention.getSeconds() / 4;
          written.set(take);
          return take ? new Lookup(customer, expires) : old;
        });
    if (written.get()) {
      writes.incrementAndGet();
    }
    return written.get();
  }

  @Override
  public Optional<CustomerNumber> findCustomer(UserId userId, Instant now) {
    return Optional.ofNullable(lookups.get(userId))
        .filter(lookup -> lookup.expiresAt() > now.getEpochSecond())
        .map(Lookup::customer);
  }

  /** How many puts wrote a lookup (a test counts the writes ingest makes). */
  public int writes() {
    return writes.get();
  }
}
