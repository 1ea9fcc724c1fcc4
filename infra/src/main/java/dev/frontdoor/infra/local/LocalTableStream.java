package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.out.dynamodb.DynamoDbTableItems;
import dev.frontdoor.logging.Log;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The table's stream, locally: dynalite has none, so the local runtime turns every write the
 * functions make into the record DynamoDB Streams would emit with {@code NEW_AND_OLD_IMAGES}
 * (eventName, Keys, OldImage, NewImage, SequenceNumber). It sees the writes in the functions' own
 * SDK clients ({@link TableStreamInterceptor}): no extra hop between a function and the table.
 *
 * <p>Each written item is locked (a stripe of 1,024, taken by every streamed write to that item)
 * from just before its write reaches the table until its record is queued, so the images are
 * exactly the item before and after that write and one item's records come in write order, as a
 * stream shard gives them. Records are handed over off the writer's thread, as Lambda's poller
 * does: one publisher thread takes them from the queue in order, in batches of up to {@link
 * #BATCH_SIZE} (the template's batch size), numbers them and hands each batch to the consumer;
 * {@link #flush} waits until every record queued before it has been handed over, and {@link #close}
 * hands over what is left. Nothing is dropped: the queue has no bound other than memory, and a
 * writer only ever adds one record per item it wrote. The images come from the call itself wherever
 * it can give them: a successful insert-once put ({@code attribute_not_exists} of a key) found
 * nothing and stored its item; a {@code PutItem} or {@code DeleteItem} is sent with {@code
 * ReturnValues=ALL_OLD} (the old image), its new image being its item or none; an {@code
 * UpdateItem} asking for {@code ALL_OLD} (or nothing, then sent with {@code ALL_OLD}) reads the
 * item once after the write, one asking for {@code ALL_NEW} once before; {@code UPDATED_*} and
 * {@code BatchWriteItem} read before (and the update after). Where {@code ReturnValues} was added,
 * the answer the caller gets is stripped of the attributes it did not ask for. A write that changes
 * nothing (a failed condition, an identical put, an unprocessed batch entry) gives no record, as in
 * DynamoDB.
 *
 * <p>Not streamed: the local runtime's own client ({@link TableStreamInterceptor#NOT_STREAMED}),
 * clients in other processes, and {@code TransactWriteItems} (no function uses it).
 */
final class LocalTableStream implements AutoCloseable {
  private static final Log LOG = Log.of(LocalTableStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STRIPES = 1024;

  /** Records per hand-over at most: the stream event source's batch size in template.yaml. */
  static final int BATCH_SIZE = 100;

  /** How long {@link #flush} and {@link #close} wait for the publisher before saying so. */
  private static final long FLUSH_TIMEOUT_MS = 30_000;

  /** The condition expressions seen, each with the key attribute it inserts once by, if any. */
  private static final int CONDITIONS_KEPT = 1_000;

  private static final Pattern INSERT_ONCE =
      Pattern.compile("attribute_not_exists\\(\\s*([#\\w]+)\\s*\\)");

  /** The streams of the gateways running in this JVM, by their DynamoDB endpoint's host:port. */
  private static final Map<String, LocalTableStream> RUNNING = new ConcurrentHashMap<>();

  private static final AwsRequestOverrideConfiguration STREAM_READ =
      AwsRequestOverrideConfiguration.builder()
          .putExecutionAttribute(TableStreamInterceptor.STREAM_READ, Boolean.TRUE)
          .build();

  private final String endpoint;
  private final DynamoDbClient reader;
  private final Function<String, List<String>> keyNames;
  private final Consumer<List<JsonNode>> batches;
  private final String region;
  private final Semaphore[] stripes = new Semaphore[STRIPES];
  private final Map<String, List<String>> keyNameCache = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> insertOnceNames = new ConcurrentHashMap<>();

  /** Changes in the order their writes queued them; numbered and turned into records off-thread. */
  private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();

  private final AtomicLong queued = new AtomicLong();
  private final Object handedOverLock = new Object();
  private long handedOver;
  private long sequence;
  private final Thread publisher;
  private volatile boolean closed;

  private LocalTableStream(
      String endpoint,
      DynamoDbClient reader,
      Function<String, List<String>> keyNames,
      Consumer<List<JsonNode>> batches,
      String region) {
    this.endpoint = endpoint;
    this.reader = reader;
    this.keyNames = keyNames;
    this.batches = batches;
    this.region = region;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Semaphore(1);
    }
    this.publisher = new Thread(this::publishLoop, "local-table-stream");
    publisher.setDaemon(true);
  }

  /**
   * Streams the writes that this JVM's SDK clients send to {@code table}.
   *
   * @param table the DynamoDB endpoint the functions use (dynalite's)
   * @param reader reads images; its requests are marked so that no one streams or meters them
   * @param keyNames a table's key attribute names
   * @param batches receives the stream records in batches of up to {@link #BATCH_SIZE}, on the
   *     stream's own thread, each item's records in its write order
   */
  static LocalTableStream start(
      URI table,
      DynamoDbClient reader,
      Function<String, List<String>> keyNames,
      Consumer<List<JsonNode>> batches,
      String region) {
    LocalTableStream stream =
        new LocalTableStream(authority(table), reader, keyNames, batches, region);
    stream.publisher.start();
    // Replaces any stream left by a gateway that failed to start: one endpoint, one live engine.
    RUNNING.put(stream.endpoint, stream);
    return stream;
  }

  /** A call this stream records, whichever client and endpoint: every other call passes by. */
  static boolean isWrite(SdkRequest request) {
    return request instanceof PutItemRequest
        || request instanceof UpdateItemRequest
        || request instanceof DeleteItemRequest
        || request instanceof BatchWriteItemRequest;
  }

  /** The stream of the gateway whose table is at {@code endpoint}, or null. */
  static LocalTableStream at(URI endpoint) {
    return endpoint == null || RUNNING.isEmpty() ? null : RUNNING.get(authority(endpoint));
  }

  private static String authority(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  /**
   * Waits until every record queued before this call has been handed to the consumer (a write that
   * has returned to its caller has queued its record): readers of what was published see it.
   */
  void flush() {
    if (closed) {
      return; // close handed everything over
    }
    long target = queued.get();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_TIMEOUT_MS);
    synchronized (handedOverLock) {
      while (handedOver < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !publisher.isAlive()) {
          LOG.warn("local.stream.flush_timeout")
              .field("queued", target)
              .field("handed_over", handedOver)
              .write();
          return;
        }
        try {
          handedOverLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** No new writes are streamed; what was queued is handed over first. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    RUNNING.remove(endpoint, this);
    flush();
    closed = true;
    publisher.interrupt();
    try {
      publisher.join(FLUSH_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A write planned before close may still finish after it: its record goes out on its thread.
    handOver(drain());
  }

  /** Where a write's images come from. */
  private enum Images {
    /** Insert-once put: none before, its item after. */
    INSERT_ONCE,
    /** The answer's attributes (ALL_OLD) before; the item, none, or a read after. */
    OLD_RETURNED,
    /** A read before; the answer's attributes (ALL_NEW) after. */
    NEW_RETURNED,
    /** A read before and after. */
    READ_BOTH,
    /** A read before; each processed entry's item or none after. */
    BATCH
  }

  /** One written item: its table and key, in key schema order. */
  private record ItemKey(String table, Map<String, AttributeValue> key) {
    /** The item's lock stripe: equal keys (by value) share one. */
    int stripe() {
      return Math.floorMod(31 * table.hashCode() + key.hashCode(), STRIPES);
    }

    ObjectNode json() {
      ObjectNode json = JSON.createObjectNode();
      key.forEach((name, value) -> json.set(name, DynamoDbTableItems.json(value)));
      return json;
    }
  }

  /** A write's change to one item, queued under the item's lock; its record is made later. */
  private record Change(
      ItemKey key,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> now,
      long createdSeconds) {}

  /**
   * The call as it will be sent and how its record is made, or null when it writes nothing this
   * stream records (or its table cannot be described: the call then fails on its own).
   */
  Write plan(SdkRequest request) {
    try {
      if (request instanceof PutItemRequest put) {
        List<ItemKey> keys = List.of(key(put.tableName(), put.item()));
        if (insertOnce(put)) {
          return new Write(put, Images.INSERT_ONCE, false, keys);
        }
        ReturnValue asked = put.returnValues();
        if (asked == ReturnValue.ALL_OLD) {
          return new Write(put, Images.OLD_RETURNED, false, keys);
        }
        if (asked == null || asked == ReturnValue.NONE) {
          PutItemRequest allOld = put.toBuilder().returnValues(ReturnValue.ALL_OLD).build();
          return new Write(allOld, Images.OLD_RETURNED, true, keys);
        }
        return new Write(put, Images.READ_BOTH, false, keys);
      }
      if (request instanceof DeleteItemRequest delete) {
        List<ItemKey> keys = List.of(key(delete.tableName(), delete.key()));
        ReturnValue asked = delete.returnValues();
        if (asked == ReturnValue.ALL_OLD) {
          return new Write(delete, Images.OLD_RETURNED, false, keys);
        }
        if (asked == null || asked == ReturnValue.NONE) {
          DeleteItemRequest allOld = delete.toBuilder().returnValues(ReturnValue.ALL_OLD).build();
          return new Write(allOld, Images.OLD_RETURNED, true, keys);
        }
        return new Write(delete, Images.READ_BOTH, false, keys);
      }
      if (request instanceof UpdateItemRequest update) {
        List<ItemKey> keys = List.of(key(update.tableName(), update.key()));
        ReturnValue asked = update.returnValues();
        if (asked == ReturnValue.ALL_OLD) {
          return new Write(update, Images.OLD_RETURNED, false, keys);
        }
        if (asked == null || asked == ReturnValue.NONE) {
          UpdateItemRequest allOld = update.toBuilder().returnValues(ReturnValue.ALL_OLD).build();
          return new Write(allOld, Images.OLD_RETURNED, true, keys);
        }
        if (asked == ReturnValue.ALL_NEW) {
          return new Write(update, Images.NEW_RETURNED, false, keys);
        }
        return new Write(update, Images.READ_BOTH, false, keys);
      }
      if (request instanceof BatchWriteItemRequest batch) {
        List<ItemKey> keys = new ArrayList<>();
        batch
            .requestItems()
            .forEach(
                (table, writes) -> {
                  for (WriteRequest write : writes) {
                    keys.add(
                        key(
                            table,
                            write.putRequest() != null
                                ? write.putRequest().item()
                                : write.deleteRequest().key()));
                  }
                });
        return keys.isEmpty() ? null : new Write(batch, Images.BATCH, false, keys);
      }
      return null;
    } catch (RuntimeException e) {
      LOG.warn("local.stream.unplanned")
          .field("request", request.getClass().getSimpleName())
          .field("reason", e.getClass().getSimpleName())
          .write();
      return null;
    }
  }

  /**
   * A put conditioned on {@code attribute_not_exists} of a key attribute and nothing else: when it
   * succeeds there was no item, and the item is exactly this one.
   */
  private boolean insertOnce(PutItemRequest put) {
    String condition = put.conditionExpression();
    if (condition == null) {
      return false;
    }
    // The functions use a handful of condition expressions: each is matched once.
    Optional<String> matched = insertOnceNames.get(condition);
    if (matched == null) {
      Matcher matcher = INSERT_ONCE.matcher(condition.trim());
      matched = matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
      if (insertOnceNames.size() < CONDITIONS_KEPT) {
        insertOnceNames.put(condition, matched);
      }
    }
    if (matched.isEmpty()) {
      return false;
    }
    String name = matched.get();
    if (put.hasExpressionAttributeNames() && put.expressionAttributeNames().containsKey(name)) {
      name = put.expressionAttributeNames().get(name);
    }
    return keyNames(put.tableName()).contains(name);
  }

  private List<String> keyNames(String table) {
    return keyNameCache.computeIfAbsent(table, keyNames);
  }

  private ItemKey key(String table, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyNames(table)) {
      AttributeValue value = item.get(name);
      if (value != null) {
        key.put(name, value);
      }
    }
    return new ItemKey(table, key);
  }

  /** One streamed call: its locks, its images, its record. */
  final class Write {
    private final SdkRequest request;
    private final Images images;
    private final boolean hideAttributes;
    private final List<ItemKey> keys;
    private List<Semaphore> held = List.of();
    private List<Map<String, AttributeValue>> before;
    private boolean begun;
    private boolean finished;
    private boolean recording = true;

    private Write(SdkRequest request, Images images, boolean hideAttributes, List<ItemKey> keys) {
      this.request = request;
      this.images = images;
      this.hideAttributes = hideAttributes;
      this.keys = keys;
    }

    /** What to send: the caller's request, perhaps asking for the old item too. */
    SdkRequest request() {
      return request;
    }

    /** Locks the items and reads what must be read before the write; once per call. */
    void begin() {
      if (begun) {
        return;
      }
      begun = true;
      held = lock(keys);
      if (images == Images.NEW_RETURNED || images == Images.READ_BOTH || images == Images.BATCH) {
        try {
          before = read(keys);
        } catch (RuntimeException e) {
          // The write goes on as the caller sent it; only its record is lost, and said so.
          recording = false;
          LOG.warn("local.stream.read_failed")
              .field("reason", e.getClass().getSimpleName())
              .write();
        }
      }
    }

    /** The write is done: its record out, its locks released, the caller's answer restored. */
    SdkResponse succeeded(SdkResponse response) {
      try {
        if (begun && !finished && recording) {
          record(response);
        }
      } catch (RuntimeException e) {
        LOG.error("local.stream.failed").error(e).write();
      } finally {
        release();
      }
      return hideAttributes ? withoutAttributes(response) : response;
    }

    /** The call failed (a failed condition among others): nothing to record. */
    void failed() {
      release();
    }

    private void release() {
      if (finished) {
        return;
      }
      finished = true;
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).release();
      }
    }

    private void record(SdkResponse response) {
      List<Map<String, AttributeValue>> old;
      List<Map<String, AttributeValue>> now;
      switch (images) {
        case INSERT_ONCE -> {
          old = Collections.singletonList(null);
          now = List.of(((PutItemRequest) request).item());
        }
        case OLD_RETURNED -> {
          old = Collections.singletonList(attributes(response));
          now =
              request instanceof PutItemRequest put
                  ? List.of(put.item())
                  : request instanceof DeleteItemRequest
                      ? Collections.singletonList(null)
                      : read(keys);
        }
        case NEW_RETURNED -> {
          old = before;
          now = Collections.singletonList(attributes(response));
        }
        case READ_BOTH -> {
          old = before;
          now = read(keys);
        }
        case BATCH -> {
          old = before;
          now = afterBatch((BatchWriteItemRequest) request, (BatchWriteItemResponse) response);
        }
        default -> throw new IllegalStateException(images.name());
      }
      emit(keys, old, now);
    }

    /** Each entry's item (a put) or none (a delete); an unprocessed entry as it was. */
    private List<Map<String, AttributeValue>> afterBatch(
        BatchWriteItemRequest batch, BatchWriteItemResponse response) {
      List<Map<String, AttributeValue>> after = new ArrayList<>();
      batch
          .requestItems()
          .forEach(
              (table, writes) -> {
                List<WriteRequest> unprocessed =
                    response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(table, List.of())
                        : List.of();
                for (WriteRequest write : writes) {
                  if (unprocessed.contains(write)) {
                    after.add(before.get(after.size()));
                  } else {
                    after.add(write.putRequest() != null ? write.putRequest().item() : null);
                  }
                }
              });
      return after;
    }
  }

  private static Map<String, AttributeValue> attributes(SdkResponse response) {
    Map<String, AttributeValue> attributes = Map.of();
    if (response instanceof PutItemResponse put && put.hasAttributes()) {
      attributes = put.attributes();
    } else if (response instanceof DeleteItemResponse delete && delete.hasAttributes()) {
      attributes = delete.attributes();
    } else if (response instanceof UpdateItemResponse update && update.hasAttributes()) {
      attributes = update.attributes();
    }
    return attributes.isEmpty() ? null : attributes;
  }

  /** The answer as the caller would have had it without {@code ReturnValues=ALL_OLD}. */
  private static SdkResponse withoutAttributes(SdkResponse response) {
    Map<String, AttributeValue> none = null;
    if (response instanceof PutItemResponse put) {
      return put.toBuilder().attributes(none).build();
    }
    if (response instanceof DeleteItemResponse delete) {
      return delete.toBuilder().attributes(none).build();
    }
    if (response instanceof UpdateItemResponse update) {
      return update.toBuilder().attributes(none).build();
    }
    return response;
  }

  /** The stripes of these items, taken in index order so two batches never wait on each other. */
  private List<Semaphore> lock(List<ItemKey> keys) {
    Set<Integer> indexes = new TreeSet<>();
    for (ItemKey key : keys) {
      indexes.add(key.stripe());
    }
    List<Semaphore> held = new ArrayList<>();
    for (int index : indexes) {
      // A semaphore, not a lock: an async client may finish the call on another thread.
      stripes[index].acquireUninterruptibly();
      held.add(stripes[index]);
    }
    return held;
  }

  /** Each item as it is now (strongly consistent), or null when absent. */
  private List<Map<String, AttributeValue>> read(List<ItemKey> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (ItemKey key : keys) {
      GetItemResponse response =
          reader.getItem(
              get ->
                  get.tableName(key.table())
                      .key(key.key())
                      .consistentRead(true)
                      .overrideConfiguration(STREAM_READ));
      items.add(response.hasItem() && !response.item().isEmpty() ? response.item() : null);
    }
    return items;
  }

  /** Queues each item's change, in key order, while the writer still holds the items' locks. */
  private void emit(
      List<ItemKey> keys,
      List<Map<String, AttributeValue>> before,
      List<Map<String, AttributeValue>> after) {
    long createdSeconds = System.currentTimeMillis() / 1000;
    for (int i = 0; i < keys.size(); i++) {
      Map<String, AttributeValue> old = before.get(i);
      Map<String, AttributeValue> now = after.get(i);
      if (old == null && now == null) {
        continue;
      }
      Change change = new Change(keys.get(i), old, now, createdSeconds);
      if (closed) {
        handOver(List.of(change));
        continue;
      }
      queue.add(change);
      queued.incrementAndGet();
    }
  }

  /** The publisher thread: takes what is queued, in order, and hands it over in batches. */
  private void publishLoop() {
    List<Change> batch = new ArrayList<>(BATCH_SIZE);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      queue.drainTo(batch, BATCH_SIZE - 1);
      handOver(batch);
      synchronized (handedOverLock) {
        handedOver += batch.size();
        handedOverLock.notifyAll();
      }
      batch.clear();
    }
  }

  private List<Change> drain() {
    List<Change> left = new ArrayList<>();
    queue.drainTo(left);
    return left;
  }

  /**
   * Numbers the changes that changed something and hands their records to the consumer; a failure
   * there loses these records locally (never the writes), and the log says so.
   */
  private void handOver(List<Change> changes) {
    List<JsonNode> records = new ArrayList<>(changes.size());
    String first = null;
    synchronized (this) {
      for (Change change : changes) {
        if (change.old() != null && change.now() != null && same(change.old(), change.now())) {
          continue;
        }
        String number = sequenceNumber(++sequence);
        if (first == null) {
          first = number;
        }
        records.add(record(change, number));
      }
    }
    if (records.isEmpty()) {
      return;
    }
    try {
      batches.accept(records);
    } catch (RuntimeException e) {
      LOG.error("local.stream.record_failed")
          .field("sequence", first)
          .field("records", records.size())
          .error(e)
          .write();
    }
  }

  /** A sequence number as 21 digits, zero-padded, so that text order is number order. */
  static String sequenceNumber(long n) {
    String digits = Long.toString(n);
    return digits.length() >= 21 ? digits : "0".repeat(21 - digits.length()) + digits;
  }

  /** The record DynamoDB Streams would emit for one change ({@code NEW_AND_OLD_IMAGES}). */
  private ObjectNode record(Change change, String number) {
    Map<String, AttributeValue> old = change.old();
    Map<String, AttributeValue> now = change.now();
    String name = old == null ? "INSERT" : now == null ? "REMOVE" : "MODIFY";
    ObjectNode record = JSON.createObjectNode();
    record.put("eventID", number);
    record.put("eventName", name);
    record.put("eventVersion", "1.1");
    record.put("eventSource", "aws:dynamodb");
    record.put("awsRegion", region);
    ObjectNode dynamodb = record.putObject("dynamodb");
    dynamodb.put("ApproximateCreationDateTime", change.createdSeconds());
    dynamodb.set("Keys", change.key().json());
    if (now != null) {
      dynamodb.set("NewImage", image(now));
    }
    if (old != null) {
      dynamodb.set("OldImage", image(old));
    }
    dynamodb.put("SequenceNumber", number);
    dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
    return record;
  }

  /** An item in DynamoDB's typed JSON, as stream records carry it (the export's form too). */
  static ObjectNode image(Map<String, AttributeValue> item) {
    return DynamoDbTableItems.json(item);
  }

  /**
   * The same item as DynamoDB compares them: numbers by value, sets without order (a put's own item
   * may write {@code 1.0} where the table keeps {@code 1}, or a set in another order).
   */
  static boolean same(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    return canonical(a).equals(canonical(b));
  }

  private static Map<String, Object> canonical(Map<String, AttributeValue> item) {
    Map<String, Object> values = new java.util.HashMap<>();
    item.forEach((name, value) -> values.put(name, canonical(value)));
    return values;
  }

  private static Object canonical(AttributeValue value) {
    return switch (value.type()) {
      case S -> List.of("S", value.s());
      case N -> List.of("N", number(value.n()));
      case B -> List.of("B", value.b());
      case BOOL -> List.of("BOOL", value.bool());
      case NUL -> List.of("NULL");
      case SS -> List.of("SS", new HashSet<>(value.ss()));
      case NS -> List.of("NS", new HashSet<>(value.ns().stream().map(n -> number(n)).toList()));
      case BS -> List.of("BS", new HashSet<>(value.bs()));
      case M -> List.of("M", canonical(value.m()));
      case L -> List.of("L", value.l().stream().map(LocalTableStream::canonical).toList());
      default -> List.of("?", String.valueOf(value));
    };
  }

  private static Object number(String text) {
    try {
      return new BigDecimal(text).stripTrailingZeros();
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
