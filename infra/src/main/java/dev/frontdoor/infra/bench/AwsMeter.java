package dev.frontdoor.infra.bench;

import dev.frontdoor.infra.local.Invocations;
import dev.frontdoor.infra.local.TableStreamInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Counts the AWS requests every SDK client in this JVM makes, per service and operation, and the
 * DynamoDB capacity they consume ({@code bin/gateway bench cost}).
 *
 * <p>Registered as one of the SDK's global interceptors (the classpath resource {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} of the infra module), so it sits
 * on the very clients the functions build in {@code AwsClients} and {@code Composition}, and on the
 * local event source's SQS client (Lambda's pollers: their receives and deletes are billed as SQS
 * requests). The Lambda jar does not carry the resource. Inactive, it changes nothing and counts
 * nothing; {@link #start()} turns it on. The local table stream's own reads of an item's images
 * ({@link TableStreamInterceptor#isStreamRead}) are not counted: DynamoDB's stream costs no reads.
 *
 * <p>Active, it asks each DynamoDB request for {@code ReturnConsumedCapacity=TOTAL} and adds the
 * {@code ConsumedCapacity} of the answer: write operations to WRU, reads to RRU. A write whose
 * condition fails answers an error without capacity; DynamoDB still charges it (at least 1 WRU, by
 * the size of the item checked), so it is counted as 1 WRU. SQS requests are counted per call and
 * per 64 KB chunk of the request (SQS bills each chunk as a request); a ReceiveMessage that got
 * nothing is counted apart ({@code ReceiveMessage(empty)}): its number depends on time and pollers,
 * not on messages.
 *
 * <p>A Query that returns nothing is counted at DynamoDB's minimum for its kind of read (1 RRU
 * strongly consistent, 0.5 eventually consistent) where the engine reports less: dynalite reports
 * 0, while DynamoDB charges "the minimum number of read capacity units for that type of read
 * operation" (Query, DynamoDB API Reference:
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html , read 2026-11-30).
 * What was added is counted apart ({@link #emptyQueryMinimumUnits()}).
 *
 * <p>Each call's wall time is also handed to the invocation whose thread made it ({@link
 * Invocations#storeCall}), with the time the real service is modelled to take ({@link
 * #modelLatency}); calls on threads running no invocation (the sender's group lanes) are summed by
 * function instead ({@link #laneWaits()}).
 */
public final class AwsMeter implements ExecutionInterceptor {
  static final long SQS_CHUNK_BYTES = 64 * 1024;

  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("AwsMeterStart");
  private static volatile boolean active;
  private static final ExecutionAttribute<String> DETAIL =
      new ExecutionAttribute<>("AwsMeterDetail");
  private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

  /** DynamoDB requests by function, operation and item type ({@link #itemType}). */
  private static final Map<String, Counter> DETAILS = new ConcurrentHashMap<>();

  /** AWS calls made off any invocation's thread, by function (the sender's group lanes). */
  private static final Map<String, Counter> LANES = new ConcurrentHashMap<>();

  private static final DoubleAdder EMPTY_QUERY_MINIMUM = new DoubleAdder();

  /** Modelled time per call by service ({@code DynamoDb}, {@code Sqs}); others: as measured. */
  private static volatile Map<String, Long> modelledNanosPerCall = Map.of();

  /** Public, no arguments: the SDK builds it from the classpath resource. */
  public AwsMeter() {}

  /** Per operation: calls, failed calls, capacity units (DynamoDB), billed requests (SQS). */
  static final class Counter {
    final LongAdder calls = new LongAdder();
    final LongAdder failed = new LongAdder();
    final DoubleAdder writeUnits = new DoubleAdder();
    final DoubleAdder readUnits = new DoubleAdder();
    final LongAdder billedRequests = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAdder modelledNanos = new LongAdder();
  }

  /**
   * AWS calls one function made on threads that ran no invocation, between two snapshots: their
   * summed wall time (each lane thread runs its calls one after another) and modelled time.
   */
  public record LaneWait(String function, long calls, long nanos, long modelledNanos) {
    LaneWait minus(LaneWait before) {
      return before == null
          ? this
          : new LaneWait(
              function,
              calls - before.calls,
              nanos - before.nanos,
              modelledNanos - before.modelledNanos);
    }
  }

  /** What one operation did between two snapshots. */
  public record Count(
      String service,
      String operation,
      long calls,
      long failed,
      double writeUnits,
      double readUnits,
      long billedRequests,
      long nanos) {

    public String key() {
      return service + ":" + operation;
    }

    Count minus(Count before) {
      if (before == null) {
        return this;
      }
      return new Count(
          service,
          operation,
          calls - before.calls,
          failed - before.failed,
          writeUnits - before.writeUnits,
          readUnits - before.readUnits,
          billedRequests - before.billedRequests,
          nanos - before.nanos);
    }
  }

  /** DynamoDB requests of one function, operation and item type between two snapshots. */
  public record Detail(
      String function,
      String operation,
      String itemType,
      long calls,
      long failed,
      double writeUnits,
      double readUnits,
      long nanos) {

    Detail minus(Detail before) {
      if (before == null) {
        return this;
      }
      return new Detail(
          function,
          operation,
          itemType,
          calls - before.calls,
          failed - before.failed,
          writeUnits - before.writeUnits,
          readUnits - before.readUnits,
          nanos - before.nanos);
    }
  }

  /** Clears the counts and starts counting. */
  public static void start() {
    COUNTERS.clear();
    DETAILS.clear();
    LANES.clear();
    EMPTY_QUERY_MINIMUM.reset();
    active = true;
  }

  /**
   * The latency each call of a service is modelled to take on the real service, e.g. {@code
   * DynamoDb} 5 ms; services left out are modelled as measured.
   */
  public static void modelLatency(Map<String, Duration> perCall) {
    Map<String, Long> nanos = new TreeMap<>();
    perCall.forEach((service, latency) -> nanos.put(service, latency.toNanos()));
    modelledNanosPerCall = Map.copyOf(nanos);
  }

  /** The RRU added so far for Queries that returned nothing (engine reported under the minimum). */
  public static double emptyQueryMinimumUnits() {
    return EMPTY_QUERY_MINIMUM.sum();
  }

  /** Calls off invocation threads so far, by function. */
  public static Map<String, LaneWait> laneWaits() {
    Map<String, LaneWait> waits = new TreeMap<>();
    LANES.forEach(
        (function, c) ->
            waits.put(
                function,
                new LaneWait(function, c.calls.sum(), c.nanos.sum(), c.modelledNanos.sum())));
    return waits;
  }

  /** What was counted between two {@link #laneWaits()}, functions with calls only. */
  public static Map<String, LaneWait> laneWaitsBetween(
      Map<String, LaneWait> before, Map<String, LaneWait> after) {
    Map<String, LaneWait> delta = new TreeMap<>();
    after.forEach(
        (function, wait) -> {
          LaneWait difference = wait.minus(before.get(function));
          if (difference.calls() > 0) {
            delta.put(function, difference);
          }
        });
    return delta;
  }

  public static void stop() {
    active = false;
  }

  public static boolean isActive() {
    return active;
  }

  /** The counts so far, by {@code service:operation}. */
  public static Map<String, Count> snapshot() {
    Map<String, Count> counts = new TreeMap<>();
    COUNTERS.forEach(
        (key, counter) -> {
          int colon = key.indexOf(':');
          counts.put(
              key,
              new Count(
                  key.substring(0, colon),
                  key.substring(colon + 1),
                  counter.calls.sum(),
                  counter.failed.sum(),
                  counter.writeUnits.sum(),
                  counter.readUnits.sum(),
                  counter.billedRequests.sum(),
                  counter.nanos.sum()));
        });
    return counts;
  }

  /** What was counted between {@code before} and {@code after}, operations with calls only. */
  public static Map<String, Count> between(Map<String, Count> before, Map<String, Count> after) {
    Map<String, Count> delta = new TreeMap<>();
    after.forEach(
        (key, count) -> {
          Count difference = count.minus(before.get(key));
          if (difference.calls() > 0) {
            delta.put(key, difference);
          }
        });
    return delta;
  }

  /** The DynamoDB counts so far, by {@code function|operation|item type}. */
  public static Map<String, Detail> details() {
    Map<String, Detail> details = new TreeMap<>();
    DETAILS.forEach(
        (key, counter) -> {
          String[] parts = key.split("\\|", 2);
          String[] request = parts[1].split(" ", 2);
          details.put(
              key,
              new Detail(
                  parts[0],
                  request[0],
                  request.length > 1 ? request[1] : "",
                  counter.calls.sum(),
                  counter.failed.sum(),
                  counter.writeUnits.sum(),
                  counter.readUnits.sum(),
                  counter.nanos.sum()));
        });
    return details;
  }

  /** What was counted between two {@link #details()}, entries with calls only. */
  public static Map<String, Detail> detailsBetween(
      Map<String, Detail> before, Map<String, Detail> after) {
    Map<String, Detail> delta = new TreeMap<>();
    after.forEach(
        (key, detail) -> {
          Detail difference = detail.minus(before.get(key));
          if (difference.calls() > 0) {
            delta.put(key, difference);
          }
        });
    return delta;
  }

  @Override
  public void beforeExecution(
      Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
    if (counting(executionAttributes)) {
      executionAttributes.putAttribute(STARTED, System.nanoTime());
      String itemType = itemType(context.request());
      if (itemType != null) {
        executionAttributes.putAttribute(DETAIL, function() + "|" + itemType);
      }
    }
  }

  /** The local function running on this thread; the sender's group lanes run its records. */
  private static String function() {
    String function = Invocations.current();
    if (function != null) {
      return function;
    }
    String thread = Thread.currentThread().getName();
    return thread.startsWith("sender-group") ? "SenderFunction" : "(" + thread + ")";
  }

  /**
   * A DynamoDB request's key shape, numbers and ids left out: the pk's prefix and the sk's
   * upper-case words, e.g. {@code CUST# EV#MSG}, {@code WAMID# PENDING}; a Query's key values; a
   * batch's first key. Null for other services.
   */
  static String itemType(SdkRequest request) {
    if (request instanceof PutItemRequest put) {
      return "PutItem " + keyShape(put.item());
    }
    if (request instanceof UpdateItemRequest update) {
      return "UpdateItem " + keyShape(update.key());
    }
    if (request instanceof DeleteItemRequest delete) {
      return "DeleteItem " + keyShape(delete.key());
    }
    if (request instanceof GetItemRequest get) {
      return "GetItem " + keyShape(get.key());
    }
    if (request instanceof QueryRequest query) {
      List<String> values = new ArrayList<>();
      query
          .expressionAttributeValues()
          .forEach(
              (name, value) -> {
                if (value.s() != null && value.s().matches("[A-Z]+#.*")) {
                  values.add(value.s());
                }
              });
      Collections.sort(values);
      StringBuilder shape = new StringBuilder("Query");
      for (String value : values) {
        shape.append(' ').append(shape(value));
      }
      return shape.toString();
    }
    if (request instanceof BatchGetItemRequest batch) {
      return "BatchGetItem "
          + batch.requestItems().values().stream()
              .flatMap(keys -> keys.keys().stream())
              .findFirst()
              .map(AwsMeter::keyShape)
              .orElse("");
    }
    if (request instanceof BatchWriteItemRequest batch) {
      return "BatchWriteItem";
    }
    if (request instanceof ScanRequest) {
      return "Scan";
    }
    if (request instanceof TransactWriteItemsRequest) {
      return "TransactWriteItems";
    }
    return null;
  }

  private static String keyShape(Map<String, AttributeValue> key) {
    AttributeValue pk = key.get("pk");
    AttributeValue sk = key.get("sk");
    return shape(pk == null ? "?" : pk.s()) + " " + shape(sk == null ? "?" : sk.s());
  }

  /**
   * Upper-case words of a key (CUST, EV, MSG, STATUS, PENDING...), ids, numbers, times left out.
   */
  private static String shape(String value) {
    if (value == null) {
      return "?";
    }
    StringBuilder shape = new StringBuilder();
    String[] parts = value.split("#", -1);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].matches("[A-Z_]+")) {
        shape.append(parts[i]);
        if (i < parts.length - 1) {
          shape.append('#');
        }
      }
    }
    return shape.length() == 0 ? "-" : shape.toString();
  }

  private static boolean counting(ExecutionAttributes executionAttributes) {
    return active && !TableStreamInterceptor.isStreamRead(executionAttributes);
  }

  private static void time(Counter counter, long elapsed) {
    counter.nanos.add(elapsed);
  }

  private static long elapsed(ExecutionAttributes executionAttributes) {
    Long started = executionAttributes.getAttribute(STARTED);
    return started == null ? 0 : System.nanoTime() - started;
  }

  /**
   * Hands one call's wait to the invocation on this thread, or to its function's lane total: the
   * measured time, and the modelled one (the service's stated latency, or as measured).
   */
  private static void attributeWait(String service, long elapsed) {
    long modelled = modelledNanosPerCall.getOrDefault(service, elapsed);
    if (Invocations.current() != null) {
      Invocations.storeCall(elapsed, modelled);
      return;
    }
    Counter lane = LANES.computeIfAbsent(function(), key -> new Counter());
    lane.calls.increment();
    lane.nanos.add(elapsed);
    lane.modelledNanos.add(modelled);
  }

  /**
   * DynamoDB's minimum for a Query that returned no items: 1 RRU strongly consistent, 0.5
   * eventually consistent; 0 for anything else (it is charged by what it read).
   */
  static double emptyQueryMinimum(SdkRequest request, SdkResponse response) {
    if (request instanceof QueryRequest query
        && response instanceof QueryResponse result
        && (result.count() == null || result.count() == 0)) {
      return Boolean.TRUE.equals(query.consistentRead()) ? 1.0 : 0.5;
    }
    return 0;
  }

  /** What to add to the engine's reported units so an empty Query counts its minimum. */
  private static double emptyQueryShortfall(SdkRequest request, SdkResponse response) {
    double minimum = emptyQueryMinimum(request, response);
    if (minimum == 0 || !(response instanceof QueryResponse result)) {
      return 0;
    }
    ConsumedCapacity capacity = result.consumedCapacity();
    double reported =
        capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    return Math.max(0, minimum - reported);
  }

  @Override
  public SdkRequest modifyRequest(
      Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
    if (!counting(executionAttributes)) {
      return context.request();
    }
    SdkRequest request = context.request();
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (request instanceof PutItemRequest put) {
      return put.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof UpdateItemRequest update) {
      return update.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof DeleteItemRequest delete) {
      return delete.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof GetItemRequest get) {
      return get.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof QueryRequest query) {
      return query.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof ScanRequest scan) {
      return scan.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof BatchGetItemRequest batch) {
      return batch.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof BatchWriteItemRequest batch) {
      return batch.toBuilder().returnConsumedCapacity(total).build();
    }
    if (request instanceof TransactWriteItemsRequest transact) {
      return transact.toBuilder().returnConsumedCapacity(total).build();
    }
    return request;
  }

  @Override
  public void afterExecution(
      Context.AfterExecution context, ExecutionAttributes executionAttributes) {
    if (!counting(executionAttributes)) {
      return;
    }
    String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    SdkResponse response = context.response();
    if (response instanceof ReceiveMessageResponse receive && receive.messages().isEmpty()) {
      operation = operation + "(empty)";
    }
    long elapsed = elapsed(executionAttributes);
    attributeWait(service, elapsed);
    double shortfall = emptyQueryShortfall(context.request(), response);
    EMPTY_QUERY_MINIMUM.add(shortfall);
    Counter counter = counter(service, operation);
    counter.calls.increment();
    counter.billedRequests.add(billedRequests(service, context));
    time(counter, elapsed);
    addCapacity(counter, response);
    counter.readUnits.add(shortfall);
    String detail = executionAttributes.getAttribute(DETAIL);
    if (detail != null) {
      Counter item = DETAILS.computeIfAbsent(detail, key -> new Counter());
      item.calls.increment();
      time(item, elapsed);
      addCapacity(item, response);
      item.readUnits.add(shortfall);
    }
  }

  @Override
  public void onExecutionFailure(
      Context.FailedExecution context, ExecutionAttributes executionAttributes) {
    if (!counting(executionAttributes)) {
      return;
    }
    String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    long elapsed = elapsed(executionAttributes);
    attributeWait(service, elapsed);
    Counter counter = counter(service, operation);
    counter.calls.increment();
    counter.failed.increment();
    counter.billedRequests.increment();
    time(counter, elapsed);
    boolean conditionFailed = context.exception() instanceof ConditionalCheckFailedException;
    if (conditionFailed) {
      counter.writeUnits.add(1);
    }
    String detail = executionAttributes.getAttribute(DETAIL);
    if (detail != null) {
      Counter item = DETAILS.computeIfAbsent(detail, key -> new Counter());
      item.calls.increment();
      item.failed.increment();
      time(item, elapsed);
      if (conditionFailed) {
        item.writeUnits.add(1);
      }
    }
  }

  private static Counter counter(String service, String operation) {
    return COUNTERS.computeIfAbsent(service + ":" + operation, key -> new Counter());
  }

  /** SQS bills each 64 KB chunk of a request's payload as one request; others: one. */
  private static long billedRequests(String service, Context.AfterExecution context) {
    if (!"Sqs".equals(service)) {
      return 1;
    }
    long bytes = context.requestBody().flatMap(body -> body.optionalContentLength()).orElse(0L);
    return Math.max(1, (bytes + SQS_CHUNK_BYTES - 1) / SQS_CHUNK_BYTES);
  }

  private static void addCapacity(Counter counter, SdkResponse response) {
    if (response instanceof PutItemResponse put) {
      write(counter, put.consumedCapacity());
    } else if (response instanceof UpdateItemResponse update) {
      write(counter, update.consumedCapacity());
    } else if (response instanceof DeleteItemResponse delete) {
      write(counter, delete.consumedCapacity());
    } else if (response instanceof GetItemResponse get) {
      read(counter, get.consumedCapacity());
    } else if (response instanceof QueryResponse query) {
      read(counter, query.consumedCapacity());
    } else if (response instanceof ScanResponse scan) {
      read(counter, scan.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse batch) {
      batch.consumedCapacity().forEach(capacity -> read(counter, capacity));
    } else if (response instanceof BatchWriteItemResponse batch) {
      batch.consumedCapacity().forEach(capacity -> write(counter, capacity));
    } else if (response instanceof TransactWriteItemsResponse transact) {
      transact.consumedCapacity().forEach(capacity -> write(counter, capacity));
    }
  }

  private static void write(Counter counter, ConsumedCapacity capacity) {
    if (capacity != null && capacity.capacityUnits() != null) {
      counter.writeUnits.add(capacity.capacityUnits());
    }
  }

  private static void read(Counter counter, ConsumedCapacity capacity) {
    if (capacity != null && capacity.capacityUnits() != null) {
      counter.readUnits.add(capacity.capacityUnits());
    }
  }
}
