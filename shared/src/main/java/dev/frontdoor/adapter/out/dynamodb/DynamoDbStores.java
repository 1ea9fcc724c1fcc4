package dev.frontdoor.adapter.out.dynamodb;

import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.inbound.IngestStores;
import dev.frontdoor.lifecycle.port.out.ErasureStore;
import dev.frontdoor.outbound.send.port.out.IdempotencyStore;
import dev.frontdoor.threads.port.out.CallStore;
import dev.frontdoor.threads.port.out.CustomerStore;
import dev.frontdoor.threads.port.out.MessageStore;
import dev.frontdoor.threads.port.out.RawEventStore;
import dev.frontdoor.threads.port.out.StatusStore;
import dev.frontdoor.threads.port.out.UserIdStore;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The item-family stores of one table, built with the same client, customer references and
 * retention, so that the composition roots (handlers, local runtime, benchmarks, tests) agree.
 */
public final class DynamoDbStores {
  private final MessageStore messages;
  private final StatusStore statuses;
  private final CallStore calls;
  private final RawEventStore rawEvents;
  private final CustomerStore customers;
  private final IdempotencyStore idempotency;
  private final UserIdStore userIds;
  private final ErasureStore erasure;

  public DynamoDbStores(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.messages = new DynamoDbMessageStore(client, tableName, refs, retention);
    this.statuses = new DynamoDbStatusStore(client, tableName, refs, retention);
    this.calls = new DynamoDbCallStore(client, tableName, refs, retention);
    this.rawEvents = new DynamoDbRawEventStore(client, tableName, refs);
    this.customers = new DynamoDbCustomerStore(client, tableName, refs, retention);
    this.idempotency = new DynamoDbIdempotencyStore(client, tableName);
    this.userIds = new DynamoDbUserIdStore(client, tableName, refs, retention);
    this.erasure = new DynamoDbErasureStore(client, tableName, retention);
  }

  public MessageStore messages() {
    return messages;
  }

  public StatusStore statuses() {
    return statuses;
  }

  public CallStore calls() {
    return calls;
  }

  public RawEventStore rawEvents() {
    return rawEvents;
  }

  public CustomerStore customers() {
    return customers;
  }

  public IdempotencyStore idempotency() {
    return idempotency;
  }

  public UserIdStore userIds() {
    return userIds;
  }

  public ErasureStore erasure() {
    return erasure;
  }

  /** What inbound ingest writes. */
  public IngestStores ingest() {
    return new IngestStores(messages, statuses, calls, rawEvents, customers, userIds);
  }
}
