package dev.frontdoor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.infra.local.LocalDeployment.LocalQueue;
import dev.frontdoor.infra.local.LocalGateway;
import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.testing.Sensitive;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The local gateway in this JVM: template routes, embedded servers, data kept across restarts. */
class LocalGatewayIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Fresh per test: each test's gateway binds port 0, and Linux often hands the next one the port
   * just freed, where a shared client would reuse the closed gateway's kept-alive connection.
   */
  private final HttpClient http = HttpClient.newHttpClient();

  private static final String VERIFY_TOKEN = Sensitive.VERIFY_TOKEN;

  @TempDir Path dataDir;

  @Test
  void handshake_throughTemplateRoute_echoesChallengeOr403() throws Exception {
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      // WHEN Meta's verification request arrives with the right and a wrong token
      HttpResponse<String> accepted =
          get(
              gateway,
              "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                  + VERIFY_TOKEN
                  + "&hub.challenge=1158201444");
      HttpResponse<String> refused =
          get(
              gateway,
              "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1");
      // THEN
      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(accepted.body()).isEqualTo("1158201444");
      assertThat(accepted.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("verify_token");
    }
  }

  @Test
  void routes_areExactlyTheTemplatesPlusHealth() throws Exception {
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      // GIVEN every route template.yaml declares
      List<SamTemplate.Route> routes = SamTemplate.load(Paths.template()).routes();
      assertThat(routes).isNotEmpty();
      // THEN each reaches a function (never the runtime's 404), and unknown ones are 404
      for (SamTemplate.Route route : routes) {
        HttpRequest request =
            HttpRequest.newBuilder(
                    gateway.baseUri().resolve(route.path().replaceAll("\\{[^}]+}", "x")))
                .method(route.method(), HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.body())
            .as(route.toString())
            .doesNotContain("\"message\":\"Not Found\"");
      }
      assertThat(get(gateway, "/webhooks/unknown").statusCode()).isEqualTo(404);
      assertThat(post(gateway, "/v1/not-a-route", "{}").statusCode()).isEqualTo(404);
      JsonNode health = JSON.readTree(get(gateway, "/local/health").body());
      assertThat(health.get("status").asText()).isEqualTo("ok");
      assertThat(health.get("tables").size()).isEqualTo(1);
      assertThat(health.get("queues").size())
          .isEqualTo(SamTemplate.load(Paths.template()).resourcesOfType("AWS::SQS::Queue").size());
    }
  }

  @Test
  void localResources_matchTheTemplatesDefinitions() throws Exception {
    SamTemplate template = SamTemplate.load(Paths.template());
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      // THEN the table has the template's keys, attributes, TTL and stream
      Map<String, Object> tableProperties =
          template.resourcesOfType("AWS::DynamoDB::Table").get("Table");
      String table = gateway.deployment().tableNames().get("Table");
      var described = gateway.dynamoDb().describeTable(r -> r.tableName(table)).table();
      assertThat(described.keySchema())
          .extracting(
              k ->
                  Map.<String, Object>of(
                      "AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString()))
          .containsExactlyElementsOf(
              SamTemplate.list(tableProperties.get("KeySchema")).stream()
                  .map(SamTemplate::map)
                  .toList());
      assertThat(described.attributeDefinitions())
          .extracting(
              a ->
                  Map.<String, Object>of(
                      "AttributeName",
                      a.attributeName(),
                      "AttributeType",
                      a.attributeTypeAsString()))
          .containsExactlyInAnyOrderElementsOf(
              SamTemplate.list(tableProperties.get("AttributeDefinitions")).stream()
                  .map(SamTemplate::map)
                  .toList());
      assertThat(described.globalSecondaryIndexes())
          .hasSize(SamTemplate.list(tableProperties.get("GlobalSecondaryIndexes")).size());
      // (dynalite keeps neither a stream nor TTL settings: TemplateRulesTest checks both offline,
      // and the LocalStack scenarios on an engine that has them)
      // AND every queue has the template's FIFO setting, visibility timeout and redrive policy
      template
          .resourcesOfType("AWS::SQS::Queue")
          .forEach(
              (logicalId, properties) -> {
                LocalQueue queue = gateway.deployment().queues().get(logicalId);
                Map<String, String> attributes =
                    gateway
                        .sqs()
                        .getQueueAttributes(
                            r -> r.queueUrl(queue.url()).attributeNamesWithStrings("All"))
                        .attributesAsStrings();
                assertThat(queue.name())
                    .endsWith(properties.get("FifoQueue") == Boolean.TRUE ? ".fifo" : "");
                if (properties.get("FifoQueue") == Boolean.TRUE) {
                  assertThat(attributes.get("FifoQueue")).isEqualTo("true");
                } else {
                  // a standard queue: SQS answers no FifoQueue attribute (or false)
                  assertThat(attributes.get("FifoQueue")).isIn(null, "false");
                }
                if (properties.containsKey("VisibilityTimeout")) {
                  assertThat(attributes.get("VisibilityTimeout"))
                      .isEqualTo(String.valueOf(properties.get("VisibilityTimeout")));
                }
                Map<String, Object> redrive = SamTemplate.map(properties.get("RedrivePolicy"));
                if (!redrive.isEmpty()) {
                  assertThat(attributes.get("RedrivePolicy"))
                      .contains("\"maxReceiveCount\":" + redrive.get("maxReceiveCount"))
                      .contains(
                          gateway
                              .deployment()
                              .queues()
                              .get(
                                  String.valueOf(
                                      SamTemplate.list(
                                              SamTemplate.map(redrive.get("deadLetterTargetArn"))
                                                  .get("Fn::GetAtt"))
                                          .get(0)))
                              .arn());
                }
              });
    }
  }

  @Test
  void request_overLambdaPayloadLimit_is413() throws Exception {
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      String body = "x".repeat(6 * 1024 * 1024 + 1);
      assertThat(post(gateway, "/webhooks/whatsapp", body).statusCode()).isEqualTo(413);
    }
  }

  @Test
  void close_stopsTheThreadsOfEveryExecutionEnvironment() throws Exception {
    // GIVEN a gateway whose sender took batches of several customers (unknown message ids), so
    // its environments started their group threads
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      boolean started = false;
      for (int round = 0; round < 5 && !started; round++) {
        int r = round;
        List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
          entries.add(
              SendMessageBatchRequestEntry.builder()
                  .id("m" + i)
                  .messageBody("{\"message_id\":\"01JX8NFBVGK3M7Q2R5T8W1Y4Z" + i + "\"}")
                  .messageGroupId("close-test-" + i)
                  .messageDeduplicationId("close-test-" + r + "-" + i)
                  .build());
        }
        String queue = gateway.deployment().queues().get("OutboundQueue").url();
        gateway.sqs().sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
        started = awaitSenderThreads(true, 3);
      }
      assertThat(started).as("sender group threads started").isTrue();
    }
    // THEN closing it leaves none of them running
    assertThat(awaitSenderThreads(false, 15)).as("sender group threads stopped").isTrue();
  }

  /** Whether threads of the sender's group pool come to be alive ({@code alive}) or gone. */
  private static boolean awaitSenderThreads(boolean alive, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      boolean any =
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(thread -> thread.getName().equals("sender-group") && thread.isAlive());
      if (any == alive) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void restart_keepsTableItemsAndQueuedMessages() throws Exception {
    // GIVEN an item in the table and a message on a FIFO queue (the dead-letter queue)
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      String table = gateway.deployment().tableNames().values().iterator().next();
      gateway
          .dynamoDb()
          .putItem(
              r ->
                  r.tableName(table)
                      .item(
                          Map.of(
                              "pk", AttributeValue.fromS("CUST#" + Sensitive.CUSTOMER_E164),
                              "sk", AttributeValue.fromS("THREAD"),
                              "marker", AttributeValue.fromS("kept"))));
      LocalQueue outbound = outbound(gateway);
      gateway
          .sqs()
          .sendMessage(
              r ->
                  r.queueUrl(outbound.url())
                      .messageBody("{\"id\":\"restart-test\"}")
                      .messageGroupId("g1")
                      .messageDeduplicationId("restart-test"));
    }
    // WHEN the gateway starts again on the same data directory
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), settings())) {
      String table = gateway.deployment().tableNames().values().iterator().next();
      // THEN both are still there
      Map<String, AttributeValue> item =
          gateway
              .dynamoDb()
              .getItem(
                  r ->
                      r.tableName(table)
                          .consistentRead(true)
                          .key(
                              Map.of(
                                  "pk", AttributeValue.fromS("CUST#" + Sensitive.CUSTOMER_E164),
                                  "sk", AttributeValue.fromS("THREAD"))))
              .item();
      assertThat(item.get("marker").s()).isEqualTo("kept");
      List<Message> messages =
          gateway
              .sqs()
              .receiveMessage(
                  r ->
                      r.queueUrl(outbound(gateway).url())
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(5))
              .messages();
      // (ElasticMQ's message store is set up once per JVM; each scenario class has its own JVM,
      // and BinGatewayIT proves persistence across processes.)
      assertThat(messages).extracting(Message::body).contains("{\"id\":\"restart-test\"}");
    }
  }

  @Test
  void start_withoutSecrets_usesMarkedDevelopmentSecretsAndTheSandboxNumber() throws Exception {
    Map<String, String> bare = new HashMap<>();
    bare.put("GATEWAY_PORT", "0");
    bare.put("GATEWAY_DATA_DIR", dataDir.toString());
    try (LocalGateway gateway = LocalGateway.start(Paths.template(), bare)) {
      String token = gateway.devSecrets().get("META_VERIFY_TOKEN");
      assertThat(token).startsWith("dev-only-");
      assertThat(gateway.devSecrets().keySet())
          .contains("META_APP_SECRETS", "API_TOKENS", "META_VERIFY_TOKEN");
      assertThat(
              get(
                      gateway,
                      "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                          + token
                          + "&hub.challenge=ok")
                  .body())
          .isEqualTo("ok");
      // AND, with no business number configured, it sends from the sandbox's (naming none)
      HttpResponse<String> sent =
          http.send(
              HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/v1/messages"))
                  .header("content-type", "application/json")
                  .header("authorization", "Bearer " + gateway.devSecrets().get("API_TOKENS"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"to\":\""
                              + Sensitive.SECOND_CUSTOMER_E164
                              + "\",\"type\":\"template\",\"template\":{\"name\":\"order_update\","
                              + "\"language\":{\"code\":\"en\"}}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
      assertThat(gateway.functionEnvironment())
          .containsEntry("META_PHONE_NUMBER_ID", "100000000000001");
    }
  }

  @Test
  void start_badSetting_failsNamingTheVariable() {
    Map<String, String> bad = settings();
    bad.put("WA_THROUGHPUT_MPS", "5000");
    assertThatThrownBy(() -> LocalGateway.start(Paths.template(), bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WA_THROUGHPUT_MPS");
  }

  private Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("GATEWAY_PORT", "0");
    settings.put("GATEWAY_DATA_DIR", dataDir.toString());
    settings.put("META_VERIFY_TOKEN", VERIFY_TOKEN);
    settings.put("META_APP_SECRETS", Sensitive.APP_SECRET + "," + Sensitive.OLD_APP_SECRET);
    settings.put("API_TOKENS", Sensitive.API_TOKEN);
    return settings;
  }

  private static LocalQueue outbound(LocalGateway gateway) {
    // The dead-letter queue: the outbound queue itself is drained by the local sender.
    return gateway.deployment().queues().get("OutboundDeadLetterQueue");
  }

  private HttpResponse<String> get(LocalGateway gateway, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(LocalGateway gateway, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
