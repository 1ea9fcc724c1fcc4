package dev.frontdoor.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The meter on clients built as the gateway builds them (it is a global interceptor: no client
 * names it), against a fake HTTP client that answers as DynamoDB and SQS do.
 */
class AwsMeterTest {
  private final List<String> bodies = new ArrayList<>();

  @AfterEach
  void stop() {
    AwsMeter.stop();
  }

  @Test
  void dynamoDb_asksForCapacity_andAddsWhatTheAnswersConsumed() {
    DynamoDbClient dynamo =
        dynamoDb(
            body ->
                body.contains("\"Key\"")
                    ? answer(
                        200,
                        "{\"Item\":{\"pk\":{\"S\":\"a\"}},"
                            + "\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":0.5}}")
                    : answer(
                        200, "{\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":2.0}}"));
    AwsMeter.start();

    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("b"))));
    dynamo.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));

    assertThat(bodies).allMatch(body -> body.contains("\"ReturnConsumedCapacity\":\"TOTAL\""));
    Map<String, AwsMeter.Count> counts = AwsMeter.snapshot();
    assertThat(counts.get("DynamoDb:PutItem").calls()).isEqualTo(2);
    assertThat(counts.get("DynamoDb:PutItem").writeUnits()).isEqualTo(4.0);
    assertThat(counts.get("DynamoDb:GetItem").readUnits()).isEqualTo(0.5);
    assertThat(counts.get("DynamoDb:GetItem").writeUnits()).isZero();
  }

  @Test
  void dynamoDb_failedCondition_countsAsOneWriteUnit() {
    DynamoDbClient dynamo =
        dynamoDb(
            body ->
                answer(
                    400,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                        + "\"message\":\"The conditional request failed\"}"));
    AwsMeter.start();

    assertThatThrownBy(
            () ->
                dynamo.putItem(
                    r ->
                        r.tableName("t")
                            .item(Map.of("pk", AttributeValue.fromS("a")))
                            .conditionExpression("attribute_not_exists(pk)")))
        .isInstanceOf(ConditionalCheckFailedException.class);

    AwsMeter.Count put = AwsMeter.snapshot().get("DynamoDb:PutItem");
    assertThat(put.calls()).isEqualTo(1);
    assertThat(put.failed()).isEqualTo(1);
    assertThat(put.writeUnits()).isEqualTo(1.0);
  }

  @Test
  void dynamoDb_emptyQuery_countsTheMinimumForItsKindOfRead_whereTheEngineReportsZero() {
    // As dynalite answers an empty Query: no items, 0 units; a Query with items reports 1.5.
    DynamoDbClient dynamo =
        dynamoDb(
            body ->
                body.contains("\"empty\"")
                    ? answer(
                        200,
                        "{\"Count\":0,\"Items\":[],\"ScannedCount\":0,"
                            + "\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":0}}")
                    : answer(
                        200,
                        "{\"Count\":1,\"Items\":[{\"pk\":{\"S\":\"full\"}}],\"ScannedCount\":1,"
                            + "\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":1.5}}"));
    AwsMeter.start();

    query(dynamo, "empty", true);
    query(dynamo, "empty", false);
    query(dynamo, "full", true);

    // 1 (strongly consistent, empty) + 0.5 (eventually consistent, empty) + 1.5 as reported.
    assertThat(AwsMeter.snapshot().get("DynamoDb:Query").readUnits()).isEqualTo(3.0);
    assertThat(AwsMeter.emptyQueryMinimumUnits()).isEqualTo(1.5);
  }

  @Test
  void callsOffInvocationThreads_areSummedByFunction_withTheModelledLatency() throws Exception {
    DynamoDbClient dynamo =
        dynamoDb(
            body ->
                answer(200, "{\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":1}}"));
    AwsMeter.modelLatency(Map.of("DynamoDb", java.time.Duration.ofMillis(5)));
    try {
      AwsMeter.start();
      // The sender's group lanes are threads of this name (Composition.senderGroupLanes).
      Thread lane =
          new Thread(
              () -> {
                dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
                dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("b"))));
              },
              "sender-group");
      lane.start();
      lane.join();

      AwsMeter.LaneWait wait = AwsMeter.laneWaits().get("SenderFunction");
      assertThat(wait.calls()).isEqualTo(2);
      assertThat(wait.modelledNanos()).isEqualTo(10_000_000L);
      assertThat(wait.nanos()).isPositive();
    } finally {
      AwsMeter.modelLatency(Map.of());
    }
  }

  private static void query(DynamoDbClient dynamo, String pk, boolean consistent) {
    dynamo.query(
        r ->
            r.tableName("t")
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .consistentRead(consistent));
  }

  @Test
  void inactive_changesNothing_andCountsNothing() {
    DynamoDbClient dynamo = dynamoDb(body -> answer(200, "{}"));
    AwsMeter.start();
    AwsMeter.stop();

    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));

    assertThat(bodies).singleElement().asString().doesNotContain("ReturnConsumedCapacity");
    assertThat(AwsMeter.snapshot()).isEmpty();
  }

  @Test
  void sqs_billsEach64KbChunk_andCountsEmptyReceivesApart() {
    SqsClient sqs =
        sqs(
            body ->
                body.contains("MessageBody")
                    ? answer(
                        200,
                        "{\"MessageId\":\"m\",\"MD5OfMessageBody\":\""
                            + md5(messageBody(body))
                            + "\"}")
                    : answer(200, "{}"));
    AwsMeter.start();

    sqs.sendMessage(r -> r.queueUrl("http://localhost/q.fifo").messageBody("small"));
    sqs.sendMessage(r -> r.queueUrl("http://localhost/q.fifo").messageBody("x".repeat(100_000)));
    sqs.receiveMessage(r -> r.queueUrl("http://localhost/q.fifo"));

    Map<String, AwsMeter.Count> counts = AwsMeter.snapshot();
    assertThat(counts.get("Sqs:SendMessage").calls()).isEqualTo(2);
    assertThat(counts.get("Sqs:SendMessage").billedRequests()).isEqualTo(3);
    assertThat(counts.get("Sqs:ReceiveMessage(empty)").calls()).isEqualTo(1);
    assertThat(counts).doesNotContainKey("Sqs:ReceiveMessage");
  }

  @Test
  void between_keepsWhatHappenedInTheWindowOnly() {
    DynamoDbClient dynamo =
        dynamoDb(body -> answer(200, "{\"ConsumedCapacity\":{\"CapacityUnits\":1.0}}"));
    AwsMeter.start();
    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
    Map<String, AwsMeter.Count> before = AwsMeter.snapshot();
    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("b"))));
    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("c"))));

    AwsMeter.Count put = AwsMeter.between(before, AwsMeter.snapshot()).get("DynamoDb:PutItem");
    assertThat(put.calls()).isEqualTo(2);
    assertThat(put.writeUnits()).isEqualTo(2.0);
  }

  private DynamoDbClient dynamoDb(Function<String, HttpExecuteResponse> server) {
    return DynamoDbClient.builder()
        .httpClient(new FakeHttp(server))
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://localhost:1"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  private SqsClient sqs(Function<String, HttpExecuteResponse> server) {
    return SqsClient.builder()
        .httpClient(new FakeHttp(server))
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://localhost:1"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .build();
  }

  private static HttpExecuteResponse answer(int status, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return HttpExecuteResponse.builder()
        .response(
            SdkHttpResponse.builder()
                .statusCode(status)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
        .build();
  }

  private static String messageBody(String requestJson) {
    int at = requestJson.indexOf("\"MessageBody\":\"") + 15;
    return requestJson.substring(at, requestJson.indexOf('"', at));
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers every request with what {@code server} makes of its body; keeps the bodies. */
  private final class FakeHttp implements SdkHttpClient {
    private final Function<String, HttpExecuteResponse> server;

    FakeHttp(Function<String, HttpExecuteResponse> server) {
      this.server = server;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          String body =
              request
                  .contentStreamProvider()
                  .map(provider -> read(provider.newStream()))
                  .orElse("");
          bodies.add(body);
          return server.apply(body);
        }

        @Override
        public void abort() {}
      };
    }

    private static String read(InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  }
}
