package dev.frontdoor.testing.memory;

import dev.frontdoor.inbound.IngestStores;
import java.time.Duration;

/** The item-family stores over one in-memory timeline, as DynamoDbStores over one table. */
public final class InMemoryStores {
  public static final Duration RETENTION = Duration.ofDays(365);

  private final InMemoryTimeline timeline = new InMemoryTimeline();
  private final InMemoryMessageStore messages;
  private final InMemoryStatusStore statuses;
  private final InMemoryCallStore calls;
  private final InMemoryRawEventStore rawEvents = new InMemoryRawEventStore();
  private final InMemoryCustomerStore customers;
  private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  private final InMemoryUserIdStore userIds;

  public InMemoryStores() {
    this(RETENTION);
  }

  public InMemoryStores(Duration retention) {
    messages = new InMemoryMessageStore(timeline, retention);
    statuses = new InMemoryStatusStore(timeline, retention);
    calls = new InMemoryCallStore(timeline, retention);
    customers = new InMemoryCustomerStore(timeline, retention);
    userIds = new InMemoryUserIdStore(retention);
  }

  public InMemoryTimeline timeline() {
    return timeline;
  }

  public InMemoryMessageStore messages() {
    return messages;
  }

  public InMemoryStatusStore statuses() {
    return statuses;
  }

  public InMemoryCallStore calls() {
    return calls;
  }

  public InMemoryRawEventStore rawEvents() {
    return rawEvents;
  }

  public InMemoryCustomerStore customers() {
    return customers;
  }

  public InMemoryIdempotencyStore idempotency() {
    return idempotency;
  }

  public InMemoryUserIdStore userIds() {
    return userIds;
  }

  /** What inbound ingest writes. */
  public IngestStores ingest() {
    return new IngestStores(messages, statuses, calls, rawEvents, customers, userIds);
  }
}
