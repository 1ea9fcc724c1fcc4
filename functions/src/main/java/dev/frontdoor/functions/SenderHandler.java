package dev.frontdoor.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.out.graph.HttpGraphApi;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.domain.outbound.Delivery;
import dev.frontdoor.domain.outbound.QueuedMessageSender;
import dev.frontdoor.domain.outbound.SenderSettings;
import dev.frontdoor.domain.thread.StoreUnavailableException;
import dev.frontdoor.domain.whatsapp.StatusApplier;
import dev.frontdoor.functions.http.Json;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Drains the outbound FIFO queue (SQS event source, {@code ReportBatchItemFailures}). Each
 * customer's records (one message group) are handled in order, different customers side by side;
 * once a record of a group is not done, it and that group's later records are reported failed (each
 * customer's messages keep their order), other groups go on. A retry's delay is set on the
 * message's visibility, so throttling backs off instead of spinning.
 */
public final class SenderHandler implements RequestStreamHandler, AutoCloseable {
  private static final Log LOG = Log.of(SenderHandler.class);

  private final QueuedMessageSender sender;
  private final BiConsumer<String, Integer> delayRetry;
  private final long lastStartMarginMillis;

  /** One thread per message group of a batch (at most 10 records); daemon, kept warm. */
  private final ExecutorService groupPool =
      Executors.newFixedThreadPool(
          10,
          runnable -> {
            Thread thread = new Thread(runnable, "sender-group");
            thread.setDaemon(true);
            return thread;
          });

  public SenderHandler() {
    this(Environment.system());
  }

  public SenderHandler(Environment env) {
    this(new Wiring(env));
  }

  private SenderHandler(Wiring wiring) {
    this(wiring, wiring.senderSettings());
  }

  private SenderHandler(Wiring wiring, SenderSettings settings) {
    this(
        new QueuedMessageSender(
            wiring.senderStore(),
            new HttpGraphApi(
                wiring
                    .config()
                    .graphApiUrl()
                    .orElseThrow(
                        () ->
                            new ConfigException(EnvVar.GRAPH_API_URL, "is required by the sender")),
                wiring.config().graphApiVersion(),
                wiring
                    .config()
                    .metaAccessToken()
                    .orElseThrow(
                        () ->
                            new ConfigException(
                                EnvVar.META_ACCESS_TOKEN, "is required by the sender")),
                java.time.Duration.ofMillis(settings.graphTimeoutMillis())),
            new StatusApplier(wiring.stores().messages(), wiring.stores().statuses()),
            wiring.throughputLimiter(),
            wiring.deadLetters(),
            Clock.systemUTC(),
            settings),
        wiring.visibilityDelayer(),
        settings.graphTimeoutMillis());
  }

  public SenderHandler(
      QueuedMessageSender sender, BiConsumer<String, Integer> delayRetry, long graphTimeoutMillis) {
    this.sender = sender;
    this.delayRetry = delayRetry;
    // A call, a pacing sleep, a turn at the limiter and the table writes after it.
    this.lastStartMarginMillis = graphTimeoutMillis + 5_000;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = Json.MAPPER.readTree(input);
    // Order matters within a customer's group only: each group's records go in order on one
    // thread, groups side by side, so the Graph API's answer time does not hold other customers.
    Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
    for (JsonNode record : event.path("Records")) {
      groups
          .computeIfAbsent(
              record.path("attributes").path("MessageGroupId").asText(""), g -> new ArrayList<>())
          .add(record);
    }
    // Records not started by then are retried soon: one started later could outlive the function.
    long startBy =
        System.currentTimeMillis() + context.getRemainingTimeInMillis() - lastStartMarginMillis;
    List<String> failed = new ArrayList<>();
    if (groups.size() <= 1) {
      groups.values().forEach(records -> failed.addAll(sendInOrder(records, startBy)));
    } else {
      List<Future<List<String>>> running = new ArrayList<>();
      groups
          .values()
          .forEach(records -> running.add(groupPool.submit(() -> sendInOrder(records, startBy))));
      // Every group is waited for: none may still be sending when the response goes.
      for (Future<List<String>> group : running) {
        failed.addAll(join(group));
      }
    }
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    failed.forEach(id -> failures.addObject().put("itemIdentifier", id));
    Json.MAPPER.writeValue(output, response);
  }

  /**
   * One customer's records, in order; once one is not done, it and the group's later records are
   * failed with its delay. Returns the failed records' ids.
   */
  private List<String> sendInOrder(List<JsonNode> records, long startBy) {
    List<String> failed = new ArrayList<>();
    Integer groupDelay = null;
    for (JsonNode record : records) {
      String recordId = record.path("messageId").asText();
      if (groupDelay == null && System.currentTimeMillis() > startBy) {
        groupDelay = 1;
      }
      if (groupDelay != null) {
        delayRetry.accept(record.path("receiptHandle").asText(), groupDelay);
        failed.add(recordId);
        continue;
      }
      OptionalInt retryAfter = handle(record);
      if (retryAfter.isPresent()) {
        groupDelay = retryAfter.getAsInt();
        failed.add(recordId);
      }
    }
    return failed;
  }

  private static List<String> join(Future<List<String>> group) throws IOException {
    try {
      return group.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending", e);
    } catch (ExecutionException e) {
      throw new IOException("a customer's records failed unexpectedly", e.getCause());
    }
  }

  /** Empty when the record is finished with (sent, failed for good, gone); else its retry delay. */
  private OptionalInt handle(JsonNode record) {
    String messageId =
        record.path("body").isTextual() ? messageIdOf(record.get("body").asText()) : null;
    if (messageId == null) {
      // Not one of ours: left to fail until the redrive policy moves it to the dead-letter queue.
      LOG.error("sender.unreadable_record")
          .field("sqs_message_id", record.path("messageId").asText())
          .write();
      return OptionalInt.of(60);
    }
    int receiveCount = record.path("attributes").path("ApproximateReceiveCount").asInt(1);
    String group = record.path("attributes").path("MessageGroupId").asText("");
    try {
      Delivery delivery = sender.deliver(messageId, group, receiveCount);
      if (delivery.done()) {
        return OptionalInt.empty();
      }
      delayRetry.accept(record.path("receiptHandle").asText(), delivery.retryAfterSeconds());
      return OptionalInt.of(delivery.retryAfterSeconds());
    } catch (StoreUnavailableException e) {
      LOG.error("sender.store_unavailable").field("message_id", messageId).error(e).write();
      return OptionalInt.of(5);
    } catch (RuntimeException e) {
      // Contained to this customer's group: other groups of the batch go on and are reported.
      LOG.error("sender.record_failed").field("message_id", messageId).error(e).write();
      return OptionalInt.of(10);
    }
  }

  private static String messageIdOf(String body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      String id = json.path("message_id").asText("");
      return id.length() == 26 ? id : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops the group threads; the local runtime calls it when it shuts an environment down. */
  @Override
  public void close() {
    groupPool.shutdownNow();
  }
}
