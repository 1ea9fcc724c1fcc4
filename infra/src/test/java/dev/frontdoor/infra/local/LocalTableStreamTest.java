package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.infra.bench.AwsMeter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local table stream on dynalite, through a client built as the functions build theirs ({@code
 * AwsClients}, the global interceptors of the infra module): each write's record has the item
 * exactly before and after it, one item's records come once each and in write order, the caller's
 * answer is what it asked for, and a failed write gives no record and holds no lock.
 */
class LocalTableStreamTest {
  private static final String TABLE = "stream-test";

  private static LocalDynamoDb dynalite;
  private static DynamoDbClient own;
  private static DynamoDbClient function;

  private final List<JsonNode> records = new CopyOnWriteArrayList<>();
  private LocalTableStream stream;
  private static final AtomicInteger IDS = new AtomicInteger();

  @BeforeAll
  static void startTable() {
    dynalite = LocalDynamoDb.start(0, Optional.empty());
    var env = LocalAws.environment(dynalite.endpoint(), URI.create("http://127.0.0.1:9"));
    own =
        DynamoDbClient.builder()
            .httpClient(AwsClients.lambdaHttpClient())
            .region(AwsClients.region(env))
            .credentialsProvider(AwsClients.credentials(env))
            .endpointOverride(dynalite.endpoint())
            .overrideConfiguration(
                c -> c.putExecutionAttribute(TableStreamInterceptor.NOT_STREAMED, Boolean.TRUE))
            .build();
    own.createTable(
        r ->
            r.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    own.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
    function = AwsClients.dynamoDb(env, AwsClients.lambdaHttpClient());
  }

  @AfterAll
  static void stopTable() {
    function.close();
    own.close();
    dynalite.close();
  }

  @BeforeEach
  void startStream() {
    stream =
        LocalTableStream.start(
            dynalite.endpoint(), own, table -> List.of("pk", "sk"), records::addAll, "af-south-1");
  }

  /** The records handed over so far, after every write that has returned. */
  private List<JsonNode> records() {
    stream.flush();
    return records;
  }

  @AfterEach
  void stopStream() {
    stream.close();
    AwsMeter.stop();
  }

  @Test
  void insertOnce_givesInsertWithItsItem_andAFailedOneNothing() {
    Map<String, AttributeValue> item = item(newPk(), "a", 1);

    PutItemResponse put =
        function.putItem(
            r -> r.tableName(TABLE).item(item).conditionExpression("attribute_not_exists(pk)"));
    assertThatThrownBy(
            () ->
                function.putItem(
                    r ->
                        r.tableName(TABLE)
                            .item(item(pk(item), "b", 2))
                            .conditionExpression("attribute_not_exists(#k)")
                            .expressionAttributeNames(Map.of("#k", "pk"))))
        .isInstanceOf(ConditionalCheckFailedException.class);

    assertThat(put.hasAttributes()).isFalse();
    assertThat(records()).hasSize(1);
    JsonNode record = records().get(0);
    assertThat(record.path("eventName").asText()).isEqualTo("INSERT");
    assertThat(record.path("dynamodb").has("OldImage")).isFalse();
    assertThat(record.path("dynamodb").path("NewImage")).isEqualTo(LocalTableStream.image(item));
    assertThat(record.path("dynamodb").path("Keys").path("pk").path("S").asText())
        .isEqualTo(pk(item));
  }

  @Test
  void update_recordsTheItemExactlyBeforeAndAfter_andAnswersWhatTheCallerAsked() {
    for (ReturnValue asked :
        List.of(
            ReturnValue.NONE,
            ReturnValue.ALL_OLD,
            ReturnValue.ALL_NEW,
            ReturnValue.UPDATED_NEW,
            ReturnValue.UPDATED_OLD)) {
      records().clear();
      String pk = newPk();
      own.putItem(r -> r.tableName(TABLE).item(item(pk, "before", 5)));

      UpdateItemResponse response =
          function.updateItem(
              r ->
                  r.tableName(TABLE)
                      .key(key(pk))
                      .updateExpression("SET #s = :s ADD n :one")
                      .expressionAttributeNames(Map.of("#s", "state"))
                      .expressionAttributeValues(
                          Map.of(
                              ":s",
                              AttributeValue.fromS("after"),
                              ":one",
                              AttributeValue.fromN("1")))
                      .returnValues(asked));

      Map<String, AttributeValue> before = item(pk, "before", 5);
      Map<String, AttributeValue> after = item(pk, "after", 6);
      Map<String, AttributeValue> expectedAnswer =
          switch (asked) {
            case ALL_OLD -> before;
            case ALL_NEW -> after;
            case UPDATED_NEW -> Map.of("state", s("after"), "n", AttributeValue.fromN("6"));
            case UPDATED_OLD -> Map.of("state", s("before"), "n", AttributeValue.fromN("5"));
            default -> null;
          };
      if (expectedAnswer == null) {
        assertThat(response.hasAttributes()).as("attributes for %s", asked).isFalse();
      } else {
        assertThat(response.attributes()).as("attributes for %s", asked).isEqualTo(expectedAnswer);
      }
      assertThat(records()).as("records for %s", asked).hasSize(1);
      JsonNode dynamodb = records().get(0).path("dynamodb");
      assertThat(records().get(0).path("eventName").asText()).isEqualTo("MODIFY");
      assertThat(dynamodb.path("OldImage")).isEqualTo(LocalTableStream.image(before));
      assertThat(dynamodb.path("NewImage")).isEqualTo(LocalTableStream.image(after));
    }
  }

  @Test
  void putAndDelete_recordTheOldItem_andWritesThatChangeNothingGiveNoRecord() {
    String pk = newPk();
    own.putItem(r -> r.tableName(TABLE).item(item(pk, "first", 1)));

    PutItemResponse overwrite =
        function.putItem(r -> r.tableName(TABLE).item(item(pk, "second", 2)));
    PutItemResponse identical =
        function.putItem(
            r -> r.tableName(TABLE).item(item(pk, "second", 2)).returnValues(ReturnValue.ALL_OLD));
    DeleteItemResponse delete = function.deleteItem(r -> r.tableName(TABLE).key(key(pk)));
    DeleteItemResponse deleteAbsent = function.deleteItem(r -> r.tableName(TABLE).key(key(pk)));

    assertThat(overwrite.hasAttributes()).as("the caller asked for no attributes").isFalse();
    assertThat(identical.attributes()).isEqualTo(item(pk, "second", 2));
    assertThat(delete.hasAttributes()).isFalse();
    assertThat(deleteAbsent.hasAttributes()).isFalse();
    assertThat(records())
        .extracting(record -> record.path("eventName").asText())
        .containsExactly("MODIFY", "REMOVE");
    assertThat(records().get(0).path("dynamodb").path("OldImage"))
        .isEqualTo(LocalTableStream.image(item(pk, "first", 1)));
    assertThat(records().get(0).path("dynamodb").path("NewImage"))
        .isEqualTo(LocalTableStream.image(item(pk, "second", 2)));
    assertThat(records().get(1).path("dynamodb").path("OldImage"))
        .isEqualTo(LocalTableStream.image(item(pk, "second", 2)));
    assertThat(records().get(1).path("dynamodb").has("NewImage")).isFalse();
  }

  @Test
  void batchWrite_recordsEachEntry() {
    String kept = newPk();
    String removed = newPk();
    own.putItem(r -> r.tableName(TABLE).item(item(removed, "old", 1)));

    BatchWriteItemResponse response =
        function.batchWriteItem(
            r ->
                r.requestItems(
                    Map.of(
                        TABLE,
                        List.of(
                            WriteRequest.builder()
                                .putRequest(p -> p.item(item(kept, "new", 1)))
                                .build(),
                            WriteRequest.builder()
                                .deleteRequest(d -> d.key(key(removed)))
                                .build()))));

    assertThat(response.unprocessedItems().getOrDefault(TABLE, List.of())).isEmpty();
    assertThat(records())
        .extracting(
            record ->
                record.path("eventName").asText()
                    + " "
                    + record.path("dynamodb").path("Keys").path("pk").path("S").asText())
        .containsExactly("INSERT " + kept, "REMOVE " + removed);
    assertThat(records().get(1).path("dynamodb").path("OldImage"))
        .isEqualTo(LocalTableStream.image(item(removed, "old", 1)));
  }

  @Test
  void concurrentWritesToOneItem_giveEachRecordOnce_inWriteOrder_withExactImages()
      throws Exception {
    String pk = newPk();
    function.putItem(
        r ->
            r.tableName(TABLE)
                .item(item(pk, "s", 0))
                .conditionExpression("attribute_not_exists(pk)"));
    int threads = 4;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    // Each way the stream finds images: the old item returned, read before, both.
                    ReturnValue asked =
                        List.of(
                                ReturnValue.NONE,
                                ReturnValue.ALL_NEW,
                                ReturnValue.UPDATED_NEW,
                                ReturnValue.ALL_OLD)
                            .get((thread + i) % 4);
                    function.updateItem(
                        r ->
                            r.tableName(TABLE)
                                .key(key(pk))
                                .updateExpression("ADD n :one")
                                .expressionAttributeValues(
                                    Map.of(":one", AttributeValue.fromN("1")))
                                .returnValues(asked));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<JsonNode> ofItem =
        records().stream()
            .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals(pk))
            .toList();
    assertThat(ofItem).hasSize(1 + threads * each);
    assertThat(ofItem.get(0).path("eventName").asText()).isEqualTo("INSERT");
    long previousSequence = 0;
    for (int i = 0; i < ofItem.size(); i++) {
      JsonNode dynamodb = ofItem.get(i).path("dynamodb");
      long sequence = Long.parseLong(dynamodb.path("SequenceNumber").asText());
      assertThat(sequence).as("sequence of record %d", i).isGreaterThan(previousSequence);
      previousSequence = sequence;
      assertThat(dynamodb.path("NewImage").path("n").path("N").asInt())
          .as("new counter of record %d", i)
          .isEqualTo(i);
      if (i > 0) {
        assertThat(ofItem.get(i).path("eventName").asText()).isEqualTo("MODIFY");
        assertThat(dynamodb.path("OldImage").path("n").path("N").asInt())
            .as("old counter of record %d", i)
            .isEqualTo(i - 1);
      }
    }
  }

  @Test
  void failedWrites_giveNoRecord_andReleaseTheItem() {
    String pk = newPk();
    own.putItem(r -> r.tableName(TABLE).item(item(pk, "s", 1)));

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 3; i++) {
            assertThatThrownBy(
                    () ->
                        function.updateItem(
                            r ->
                                r.tableName(TABLE)
                                    .key(key(pk))
                                    .updateExpression("SET n = :two")
                                    .conditionExpression("n = :zero")
                                    .expressionAttributeValues(
                                        Map.of(
                                            ":two",
                                            AttributeValue.fromN("2"),
                                            ":zero",
                                            AttributeValue.fromN("0")))
                                    .returnValues(ReturnValue.ALL_NEW)))
                .isInstanceOf(ConditionalCheckFailedException.class);
          }
          // the same item, written again: it would wait for ever on a lock the failures kept
          function.updateItem(
              r ->
                  r.tableName(TABLE)
                      .key(key(pk))
                      .updateExpression("SET n = :two")
                      .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
        });

    assertThat(records()).hasSize(1);
    assertThat(records().get(0).path("dynamodb").path("OldImage").path("n").path("N").asText())
        .isEqualTo("1");
    assertThat(records().get(0).path("dynamodb").path("NewImage").path("n").path("N").asText())
        .isEqualTo("2");
  }

  @Test
  void theRuntimesOwnClient_andOtherTables_areNotStreamed_andTheStreamsReadsAreNotMetered() {
    String pk = newPk();
    own.putItem(r -> r.tableName(TABLE).item(item(pk, "s", 1)));
    AwsMeter.start();

    function.updateItem(
        r ->
            r.tableName(TABLE)
                .key(key(pk))
                .updateExpression("SET n = :two")
                .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
    stream.close();
    function.putItem(r -> r.tableName(TABLE).item(item(newPk(), "s", 1)));

    assertThat(records()).hasSize(1);
    Map<String, AwsMeter.Count> counts = AwsMeter.snapshot();
    assertThat(counts).containsOnlyKeys("DynamoDb:UpdateItem", "DynamoDb:PutItem");
    assertThat(counts.get("DynamoDb:UpdateItem").calls()).isEqualTo(1);
  }

  @Test
  void records_goOutInBatchesOffTheWritersThread_inOrder_andCloseLosesNone() throws Exception {
    stream.close();
    List<JsonNode> got = new CopyOnWriteArrayList<>();
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    stream =
        LocalTableStream.start(
            dynalite.endpoint(),
            own,
            table -> List.of("pk", "sk"),
            batch -> {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              threads.add(Thread.currentThread().getName());
              sizes.add(batch.size());
              got.addAll(batch);
            },
            "af-south-1");

    // The consumer is held on the first record: the writes still return, their records queue.
    int writes = 250;
    List<String> written = new ArrayList<>();
    for (int i = 0; i < writes; i++) {
      String pk = newPk();
      written.add(pk);
      function.putItem(
          r ->
              r.tableName(TABLE)
                  .item(item(pk, "s", 1))
                  .conditionExpression("attribute_not_exists(pk)"));
    }
    assertThat(got).isEmpty();
    release.countDown();
    stream.close();

    assertThat(got)
        .extracting(record -> record.path("dynamodb").path("Keys").path("pk").path("S").asText())
        .containsExactlyElementsOf(written);
    assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 100));
    assertThat(sizes.size()).isGreaterThanOrEqualTo(3);
    assertThat(threads).doesNotContain(Thread.currentThread().getName());
    long previous = 0;
    for (JsonNode record : got) {
      String number = record.path("dynamodb").path("SequenceNumber").asText();
      assertThat(number).hasSize(21).isEqualTo(record.path("eventID").asText());
      assertThat(Long.parseLong(number)).isGreaterThan(previous);
      previous = Long.parseLong(number);
    }
  }

  @Test
  void sameItem_comparesNumbersByValue_andSetsWithoutOrder() {
    Map<String, AttributeValue> a =
        Map.of(
            "n", AttributeValue.fromN("1.50"),
            "ss", AttributeValue.fromSs(List.of("x", "y")),
            "b", AttributeValue.fromB(SdkBytes.fromUtf8String("q")));
    Map<String, AttributeValue> b =
        Map.of(
            "n", AttributeValue.fromN("1.5"),
            "ss", AttributeValue.fromSs(List.of("y", "x")),
            "b", AttributeValue.fromB(SdkBytes.fromUtf8String("q")));

    assertThat(LocalTableStream.same(a, b)).isTrue();
    assertThat(LocalTableStream.same(a, Map.of("n", AttributeValue.fromS("1.5")))).isFalse();
    assertThat(
            LocalTableStream.same(
                Map.of("n", AttributeValue.fromN("1")), Map.of("n", AttributeValue.fromN("2"))))
        .isFalse();
  }

  private static String newPk() {
    return "ITEM#" + System.nanoTime() + "#" + IDS.incrementAndGet();
  }

  private static String pk(Map<String, AttributeValue> item) {
    return item.get("pk").s();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk), "sk", s("ITEM"));
  }

  private static Map<String, AttributeValue> item(String pk, String state, int n) {
    return Map.of(
        "pk",
        s(pk),
        "sk",
        s("ITEM"),
        "state",
        s(state),
        "n",
        AttributeValue.fromN(Integer.toString(n)));
  }
}
