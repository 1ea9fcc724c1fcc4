package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The table's stream, locally: dynalite has none, so the functions reach the table through this
 * pass-through endpoint, which turns every write they make into the record DynamoDB Streams would
 * emit with {@code NEW_AND_OLD_IMAGES} (eventName, Keys, OldImage, NewImage, SequenceNumber).
 *
 * <p>Why this way: it sees every write any function makes, whichever store, client or operation
 * ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code BatchWriteItem}), and nothing
 * else; each written item's images are read, strongly consistent, just before and just after the
 * write under a per-item lock that every write to that item also takes, so the images are exactly
 * the item before and after that write, and one item's records come in write order, as a stream
 * shard gives them. A write that changes nothing (a failed condition, an identical put) gives no
 * record, as in DynamoDB. Cost: two reads per written item, on loopback. Periodic diffs of the
 * table would miss intermediate states (sent, then delivered, within one interval); wrapping each
 * store would miss writes made by code that is not a store.
 */
final class LocalTableStream implements AutoCloseable {
  private static final Log LOG = Log.of(LocalTableStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");

  /** Headers the JDK client sets itself. */
  private static final Set<String> RESTRICTED =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "date",
          "from",
          "via",
          "warning");

  private static final int STRIPES = 1024;

  private final URI table;
  private final Function<String, List<String>> keyNames;
  private final Consumer<JsonNode> records;
  private final String region;
  private final HttpServer server;
  private final ExecutorService executor;
  private final SdkHttpClient http;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, List<String>> keyNameCache = new ConcurrentHashMap<>();

  private LocalTableStream(
      URI table, Function<String, List<String>> keyNames, Consumer<JsonNode> records, String region)
      throws IOException {
    this.table = table;
    this.keyNames = keyNames;
    this.records = records;
    this.region = region;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-table-stream");
              thread.setDaemon(true);
              return thread;
            });
    // Apache, pooled: the JDK's java.net.http client cost about 0.5 ms of CPU per call here.
    this.http =
        ApacheHttpClient.builder()
            .maxConnections(256)
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * @param table dynalite's endpoint
   * @param keyNames a table's key attribute names
   * @param records receives each stream record, in each item's write order
   */
  static LocalTableStream start(
      URI table, Function<String, List<String>> keyNames, Consumer<JsonNode> records, String region)
      throws IOException {
    return new LocalTableStream(table, keyNames, records, region);
  }

  /** What the functions use as {@code AWS_ENDPOINT_URL_DYNAMODB}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An answer of the table, as received. */
  private record Reply(int status, Map<String, List<String>> headers, byte[] body) {}

  private record ItemKey(String table, ObjectNode key) {
    String id() {
      return table + "\u0000" + key;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation =
          target != null && target.startsWith(TARGET_PREFIX)
              ? target.substring(TARGET_PREFIX.length())
              : "";
      List<ItemKey> written = WRITES.contains(operation) ? keys(operation, body) : List.of();
      if (written.isEmpty()) {
        reply(exchange, forward(exchange, body));
        return;
      }
      List<ReentrantLock> held = lock(written);
      try {
        // An insert-once put that succeeds found nothing and stored exactly its item: no reads.
        JsonNode inserted = insertOnce(operation, body);
        // A write whose items cannot be read (a key the table refuses) is forwarded as it is,
        // so the caller gets the table's own answer; it can have changed nothing.
        List<JsonNode> before = inserted != null ? null : readOrNull(exchange, written);
        Reply response = forward(exchange, body);
        if (response.status() == 200 && inserted != null) {
          emit(written, java.util.Collections.singletonList(null), List.of(inserted));
        } else if (response.status() == 200 && before != null) {
          List<JsonNode> after = readOrNull(exchange, written);
          if (after != null) {
            emit(written, before, after);
          }
        }
        reply(exchange, response);
      } finally {
        for (int i = held.size() - 1; i >= 0; i--) {
          held.get(i).unlock();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("local.stream.failed").error(e).write();
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  /**
   * The item of a {@code PutItem} conditioned on {@code attribute_not_exists} of a key attribute,
   * with no other condition: when it succeeds there was no item, and the item is exactly this.
   */
  private JsonNode insertOnce(String operation, byte[] body) throws IOException {
    if (!operation.equals("PutItem")) {
      return null;
    }
    JsonNode request = JSON.readTree(body);
    String condition = request.path("ConditionExpression").asText("").trim();
    if (!condition.matches("attribute_not_exists\\(\\s*[#\\w]+\\s*\\)")) {
      return null;
    }
    String name = condition.substring(condition.indexOf('(') + 1, condition.indexOf(')')).trim();
    name = request.path("ExpressionAttributeNames").path(name).asText(name);
    List<String> keys = keyNameCache.computeIfAbsent(request.path("TableName").asText(), keyNames);
    return keys.contains(name) ? request.path("Item") : null;
  }

  private List<ItemKey> keys(String operation, byte[] body) throws IOException {
    JsonNode request = JSON.readTree(body);
    List<ItemKey> keys = new ArrayList<>();
    if (operation.equals("BatchWriteItem")) {
      request
          .path("RequestItems")
          .fields()
          .forEachRemaining(
              tableWrites -> {
                for (JsonNode write : tableWrites.getValue()) {
                  JsonNode item =
                      write.has("PutRequest")
                          ? write.path("PutRequest").path("Item")
                          : write.path("DeleteRequest").path("Key");
                  keys.add(key(tableWrites.getKey(), item));
                }
              });
      return keys;
    }
    String tableName = request.path("TableName").asText();
    keys.add(
        key(tableName, operation.equals("PutItem") ? request.path("Item") : request.path("Key")));
    return keys;
  }

  private ItemKey key(String tableName, JsonNode item) {
    ObjectNode key = JSON.createObjectNode();
    for (String name : keyNameCache.computeIfAbsent(tableName, keyNames)) {
      key.set(name, item.path(name));
    }
    return new ItemKey(tableName, key);
  }

  /** The stripes of these items, taken in index order so two batches never wait on each other. */
  private List<ReentrantLock> lock(List<ItemKey> keys) {
    Set<Integer> indexes = new TreeSet<>();
    for (ItemKey key : keys) {
      indexes.add(Math.floorMod(key.id().hashCode(), STRIPES));
    }
    List<ReentrantLock> held = new ArrayList<>();
    for (int index : indexes) {
      stripes[index].lock();
      held.add(stripes[index]);
    }
    return held;
  }

  private List<JsonNode> readOrNull(HttpExchange original, List<ItemKey> keys) {
    try {
      return read(original, keys);
    } catch (IOException | RuntimeException e) {
      LOG.warn("local.stream.read_failed").field("reason", e.getClass().getSimpleName()).write();
      return null;
    }
  }

  /** Each item as it is now (strongly consistent), or null when absent. */
  private List<JsonNode> read(HttpExchange original, List<ItemKey> keys) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    for (ItemKey key : keys) {
      ObjectNode get = JSON.createObjectNode();
      get.put("TableName", key.table());
      get.set("Key", key.key());
      get.put("ConsistentRead", true);
      Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
      headers.put("Content-Type", List.of("application/x-amz-json-1.0"));
      headers.put("X-Amz-Target", List.of(TARGET_PREFIX + "GetItem"));
      // dynalite checks that a request is signed, not the signature: the write's own headers do.
      for (String name : List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token")) {
        String value = original.getRequestHeaders().getFirst(name);
        if (value != null) {
          headers.put(name, List.of(value));
        }
      }
      Reply response = send("/", headers, JSON.writeValueAsBytes(get));
      if (response.status() != 200) {
        throw new IOException("GetItem for the stream answered " + response.status());
      }
      JsonNode item = JSON.readTree(response.body()).get("Item");
      items.add(item == null || item.isEmpty() ? null : item);
    }
    return items;
  }

  private void emit(List<ItemKey> keys, List<JsonNode> before, List<JsonNode> after) {
    for (int i = 0; i < keys.size(); i++) {
      JsonNode old = before.get(i);
      JsonNode now = after.get(i);
      if (old == null && now == null || old != null && old.equals(now)) {
        continue;
      }
      String name = old == null ? "INSERT" : now == null ? "REMOVE" : "MODIFY";
      String number = String.format(Locale.ROOT, "%021d", sequence.incrementAndGet());
      ObjectNode record = JSON.createObjectNode();
      record.put("eventID", number);
      record.put("eventName", name);
      record.put("eventVersion", "1.1");
      record.put("eventSource", "aws:dynamodb");
      record.put("awsRegion", region);
      ObjectNode dynamodb = record.putObject("dynamodb");
      dynamodb.put("ApproximateCreationDateTime", System.currentTimeMillis() / 1000);
      dynamodb.set("Keys", keys.get(i).key());
      if (now != null) {
        dynamodb.set("NewImage", now);
      }
      if (old != null) {
        dynamodb.set("OldImage", old);
      }
      dynamodb.put("SequenceNumber", number);
      dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
      try {
        records.accept(record);
      } catch (RuntimeException e) {
        // Publishing never fails a write: the record is lost locally, and the log says so.
        LOG.error("local.stream.record_failed").field("sequence", number).error(e).write();
      }
    }
  }

  private Reply forward(HttpExchange exchange, byte[] body) throws IOException {
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
              }
            });
    return send(exchange.getRequestURI().getRawPath(), headers, body);
  }

  private Reply send(String path, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(table.resolve(path))
            .headers(headers)
            .putHeader("Content-Length", Integer.toString(body.length))
            .contentStreamProvider(ContentStreamProvider.fromByteArray(body))
            .build();
    HttpExecuteResponse response =
        http.prepareRequest(
                HttpExecuteRequest.builder()
                    .request(request)
                    .contentStreamProvider(request.contentStreamProvider().orElseThrow())
                    .build())
            .call();
    byte[] bytes;
    if (response.responseBody().isPresent()) {
      try (InputStream in = response.responseBody().get()) {
        bytes = in.readAllBytes();
      }
    } else {
      bytes = new byte[0];
    }
    return new Reply(
        response.httpResponse().statusCode(), response.httpResponse().headers(), bytes);
  }

  private static void reply(HttpExchange exchange, Reply response) throws IOException {
    response
        .headers()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
              }
            });
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    http.close();
  }
}
