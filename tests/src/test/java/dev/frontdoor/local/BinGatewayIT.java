package dev.frontdoor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.local.GatewayProcess.Running;
import dev.frontdoor.testing.Sensitive;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The README's first command as a newcomer runs it: {@code bin/gateway} as its own process, the
 * handshake over HTTP, data written, the process killed with SIGKILL, started again, data still
 * there, then stopped with SIGTERM; neither kill leaves its dynalite child running.
 */
class BinGatewayIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SdkHttpClient HTTP_CLIENT = ApacheHttpClient.create();
  private static final String TOKEN = Sensitive.VERIFY_TOKEN;
  private static final Map<String, AttributeValue> KEY =
      Map.of(
          "pk", AttributeValue.fromS("CUST#" + Sensitive.SECOND_CUSTOMER_E164),
          "sk", AttributeValue.fromS("THREAD"));

  @TempDir Path dataDir;

  @Test
  void binGateway_killedAndRestarted_keepsDataAndStopsCleanly() throws Exception {
    int port = GatewayProcess.freePort();
    Path logs = Files.createDirectories(Paths.root().resolve("tests/target/bin-gateway"));

    // GIVEN a running gateway with an item and a queued message
    Running first = start(port, logs.resolve("first.out"));
    assertThat(handshake(port)).isEqualTo("bin-e2e");
    assertThat(deliver(port).statusCode()).isEqualTo(200);
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(first.aws(), HTTP_CLIENT);
        SqsClient sqs = AwsClients.sqs(first.aws(), HTTP_CLIENT)) {
      dynamoDb.putItem(
          r ->
              r.tableName("frontdoor-local-Table")
                  .item(
                      Map.of(
                          "pk",
                          KEY.get("pk"),
                          "sk",
                          KEY.get("sk"),
                          "v",
                          AttributeValue.fromS("1"))));
      String queue =
          sqs.getQueueUrl(r -> r.queueName("frontdoor-local-outbound-dlq.fifo")).queueUrl();
      sqs.sendMessage(
          r ->
              r.queueUrl(queue)
                  .messageBody("queued-before-kill")
                  .messageGroupId("g")
                  .messageDeduplicationId("bin-it"));
    }
    // WHEN it is killed with SIGKILL and started again
    List<ProcessHandle> firstEngine = dynamoDbEngine(first.process());
    first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    // (its DynamoDB engine, a child process, does not outlive it)
    assertGone(firstEngine);
    Running second = start(port, logs.resolve("second.out"));

    // THEN the item and the message survived, and the handshake and the thread answer
    assertThat(handshake(port)).isEqualTo("bin-e2e");
    HttpResponse<String> thread =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/threads/27825550199"))
                .header("Authorization", "Bearer " + Sensitive.API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(thread.statusCode()).isEqualTo(200);
    assertThat(thread.body()).contains("wamid.bin-e2e", "delivered before the kill");
    try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(second.aws(), HTTP_CLIENT);
        SqsClient sqs = AwsClients.sqs(second.aws(), HTTP_CLIENT)) {
      assertThat(
              dynamoDb
                  .getItem(r -> r.tableName("frontdoor-local-Table").key(KEY).consistentRead(true))
                  .item())
          .containsEntry("v", AttributeValue.fromS("1"));
      String queue =
          sqs.getQueueUrl(r -> r.queueName("frontdoor-local-outbound-dlq.fifo")).queueUrl();
      List<Message> messages =
          sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages();
      assertThat(messages).extracting(Message::body).containsExactly("queued-before-kill");
    }
    // AND SIGTERM stops it cleanly, its engine with it
    List<ProcessHandle> secondEngine = dynamoDbEngine(second.process());
    second.process().destroy();
    assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertGone(secondEngine);
    assertThat(Files.readString(second.output())).contains("frontdoor: stopped");
    System.out.printf(
        "FIGURE bin/gateway start (already built, JVM start to ready): first %d ms, after kill -9 %d ms%n",
        first.readyMillis(), second.readyMillis());
  }

  /** The gateway's dynalite child (bin/gateway execs java, so the process is the JVM). */
  private static List<ProcessHandle> dynamoDbEngine(Process gateway) {
    List<ProcessHandle> engine =
        gateway
            .descendants()
            .filter(
                child ->
                    child.info().arguments().stream()
                        .flatMap(Arrays::stream)
                        .anyMatch(argument -> argument.endsWith("launch.js")))
            .toList();
    assertThat(engine).as("the gateway's dynalite process").hasSize(1);
    return engine;
  }

  private static void assertGone(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(processes).as("children still alive").noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void binGateway_badSetting_exitsNamingTheVariable() throws Exception {
    ProcessBuilder builder = GatewayProcess.command(GatewayProcess.freePort(), dataDir, Map.of());
    builder.environment().put("WA_THROUGHPUT_MPS", "lots");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("configuration error: WA_THROUGHPUT_MPS");
  }

  private Running start(int port, Path output) throws Exception {
    return GatewayProcess.start(GatewayProcess.command(port, dataDir, Map.of()), output);
  }

  /** A signed Cloud API delivery, as Meta posts it. */
  private static HttpResponse<String> deliver(int port) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    byte[] body =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"27105550100\","
                + "\"phone_number_id\":\"106540352242922\"},\"messages\":[{\"from\":\"27825550199\",\"id\":\"wamid.bin-e2e\","
                + "\"timestamp\":\""
                + now
                + "\",\"type\":\"text\",\"text\":{\"body\":\"delivered before the kill\"}}]}}]}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header(
                "X-Hub-Signature-256",
                dev.frontdoor.inbound.WebhookSignature.sign(
                    body, dev.frontdoor.config.Secret.of(Sensitive.APP_SECRET)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String handshake(int port) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                            + TOKEN
                            + "&hub.challenge=bin-e2e"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
