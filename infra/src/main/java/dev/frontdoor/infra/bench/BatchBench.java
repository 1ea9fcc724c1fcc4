package dev.frontdoor.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.frontdoor.adapter.out.aws.AwsClients;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.IngestOutcome;
import dev.frontdoor.inbound.WebhookDelivery;
import dev.frontdoor.inbound.WebhookSignature;
import dev.frontdoor.inbound.WhatsAppIngest;
import dev.frontdoor.infra.local.LocalGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Part C of {@code bin/gateway bench ingest}: the time to store one signed webhook of 1,000
 * entries, POST to answer, through the real local gateway (Meta batches up to 1,000 updates in one
 * delivery, and the function's timeout is 10 s). Three workloads, each a fresh batch per round:
 * 1,000 statuses of 1,000 messages Frontdoor sent (resolved by {@code biz_opaque_callback_data}),
 * 1,000 statuses of unknown wamids (kept pending), and 1,000 messages from 1,000 customers.
 */
final class BatchBench {
  static final int ENTRIES = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalGateway gateway;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Secret secret;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final long baseSeconds = System.currentTimeMillis() / 1000 - 3600;

  BatchBench(LocalGateway gateway, String table, String appSecret) {
    this.gateway = gateway;
    this.dynamoDb = gateway.dynamoDb();
    this.table = table;
    this.secret = Secret.of(appSecret);
  }

  /** Median and every round's milliseconds of one workload. */
  record Result(String workload, List<Double> millis) {
    double median() {
      List<Double> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return sorted.get(sorted.size() / 2);
    }

    double max() {
      return Collections.max(millis);
    }
  }

  List<Result> run(int rounds) throws Exception {
    List<Result> results = new ArrayList<>();
    results.add(measure("statuses_known", rounds, this::knownStatuses, this::post));
    results.add(measure("statuses_unknown", rounds, this::unknownStatuses, this::post));
    results.add(measure("messages", rounds, this::messages, this::post));
    return results;
  }

  /**
   * The same workloads through WhatsAppIngest in-process, on a table client that waits {@code
   * latencyMs} before each call: the local engine answers in about a millisecond of CPU, DynamoDB
   * in a few milliseconds of network, which is what decides whether 1,000 entries fit the timeout.
   */
  List<Result> runWithLatency(int rounds, int latencyMs, Map<String, String> functionEnv)
      throws Exception {
    Environment env = Environment.of(functionEnv).with(Map.of(EnvVar.TABLE_NAME, table));
    DynamoDbClient real = AwsClients.dynamoDb(env, AwsClients.lambdaHttpClient());
    DynamoDbClient slow = delayed(real, latencyMs);
    try (WhatsAppIngest ingest = new Composition(env, slow).ingestWhatsAppWebhook()) {
      Poster direct =
          body -> {
            IngestOutcome outcome =
                ingest.ingest(
                    new WebhookDelivery(
                        body, WebhookSignature.sign(body, secret), "application/json"));
            return outcome instanceof IngestOutcome.Stored stored
                ? "{\"new\":" + stored.stored() + "}"
                : outcome.toString();
          };
      List<Result> results = new ArrayList<>();
      results.add(measure("statuses_known", rounds, this::knownStatuses, direct));
      results.add(measure("statuses_unknown", rounds, this::unknownStatuses, direct));
      results.add(measure("messages", rounds, this::messages, direct));
      return results;
    } finally {
      real.close();
    }
  }

  /** A table client whose every call first waits, as a network round trip would. */
  private static DynamoDbClient delayed(DynamoDbClient client, int latencyMs) {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("close")
                  && !method.getName().equals("serviceName")
                  && !method.getName().equals("serviceClientConfiguration")) {
                Thread.sleep(latencyMs);
              }
              try {
                return method.invoke(client, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @FunctionalInterface
  private interface Poster {
    String post(byte[] body) throws Exception;
  }

  private Result measure(String workload, int rounds, IntFunction<byte[]> batch, Poster poster)
      throws Exception {
    // One unmeasured round first: the first batch also pays for class loading and JIT.
    poster.post(batch.apply(-1));
    List<Double> millis = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      byte[] body = batch.apply(round);
      long started = System.nanoTime();
      String answer = poster.post(body);
      millis.add((System.nanoTime() - started) / 1e6);
      if (!answer.contains("\"new\":" + ENTRIES)) {
        throw new IllegalStateException(workload + ": not all stored as new: " + answer);
      }
    }
    return new Result(workload, millis);
  }

  private String post(byte[] body) throws Exception {
    URI uri = gateway.baseUri().resolve("/webhooks/whatsapp");
    HttpRequest request = Webhooks.signedPost(uri, body, secret, Duration.ofSeconds(300));
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("http " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Seeds 1,000 sent messages (not timed), then one status of each. */
  private byte[] knownStatuses(int round) {
    List<ObjectNode> statuses = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      String waId = String.format(Locale.ROOT, "2784%07d", i);
      String wamid = "wamid.BATCHK" + round + "N" + i + "R" + System.nanoTime();
      String messageId = seedSent("+" + waId, wamid);
      ObjectNode status = status(wamid, "delivered", waId);
      status.put("biz_opaque_callback_data", messageId);
      statuses.add(status);
    }
    return envelope("statuses", statuses);
  }

  private byte[] unknownStatuses(int round) {
    List<ObjectNode> statuses = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      String waId = String.format(Locale.ROOT, "2785%07d", i);
      statuses.add(
          status("wamid.BATCHU" + round + "N" + i + "R" + System.nanoTime(), "sent", waId));
    }
    return envelope("statuses", statuses);
  }

  private byte[] messages(int round) {
    List<ObjectNode> messages = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      ObjectNode message = JSON.createObjectNode();
      message
          .put("from", String.format(Locale.ROOT, "2786%07d", i))
          .put("id", "wamid.BATCHM" + round + "N" + i + "R" + System.nanoTime())
          .put("timestamp", Long.toString(baseSeconds + i % 60))
          .put("type", "text");
      message.putObject("text").put("body", "Hi, is my order on its way? Reference " + i);
      messages.add(message);
    }
    return envelope("messages", messages);
  }

  private ObjectNode status(String wamid, String status, String recipient) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", wamid)
        .put("status", status)
        .put("timestamp", Long.toString(baseSeconds))
        .put("recipient_id", recipient);
    node.putObject("conversation")
        .put("id", "CONVERSATION_ID")
        .putObject("origin")
        .put("type", "service");
    node.putObject("pricing")
        .put("billable", true)
        .put("pricing_model", "PMP")
        .put("category", "service");
    return node;
  }

  /** An outbound message as the send API and sender leave it: the item and its two lookups. */
  private String seedSent(String e164, String wamid) {
    long now = System.currentTimeMillis();
    String id = UlidCreator.getUlid(now).toString();
    String sk = String.format(Locale.ROOT, "EV#%013d#MSG#%s", now, id);
    String expires = Long.toString(now / 1000 + 86_400);
    dynamoDb.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS("CUST#" + e164),
                        "sk", AttributeValue.fromS(sk),
                        "entity", AttributeValue.fromS("message"),
                        "direction", AttributeValue.fromS("out"),
                        "message_id", AttributeValue.fromS(id),
                        "wamid", AttributeValue.fromS(wamid),
                        "status", AttributeValue.fromS("sent"),
                        "status_rank", AttributeValue.fromN("2"),
                        "at", AttributeValue.fromN(Long.toString(now)),
                        "expires_at", AttributeValue.fromN(expires))));
    for (String[] lookup :
        List.of(new String[] {"MSG#" + id, "MSG"}, new String[] {"WAMID#" + wamid, "WAMID"})) {
      dynamoDb.putItem(
          r ->
              r.tableName(table)
                  .item(
                      Map.of(
                          "pk", AttributeValue.fromS(lookup[0]),
                          "sk", AttributeValue.fromS(lookup[1]),
                          "entity", AttributeValue.fromS("lookup"),
                          "customer", AttributeValue.fromS("CUST#" + e164),
                          "target_sk", AttributeValue.fromS(sk),
                          "expires_at", AttributeValue.fromN(expires))));
    }
    return id;
  }

  private static byte[] envelope(String name, List<ObjectNode> entries) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", Webhooks.WABA_ID);
    ObjectNode change = entry.putArray("changes").addObject();
    ObjectNode value = change.putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", Webhooks.DISPLAY_NUMBER)
        .put("phone_number_id", Webhooks.PHONE_NUMBER_ID);
    ArrayNode list = value.putArray(name);
    entries.forEach(list::add);
    change.put("field", "messages");
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
