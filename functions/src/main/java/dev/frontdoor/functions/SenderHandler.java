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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * Drains the outbound FIFO queue (SQS event source, {@code ReportBatchItemFailures}). Records are
 * handled in order; once a record of a customer's group is not done, it and that group's later
 * records are reported failed (each customer's messages keep their order), other groups go on. A
 * retry's delay is set on the message's visibility, so throttling backs off instead of spinning.
 */
public final class SenderHandler implements RequestStreamHandler {
  private static final Log LOG = Log.of(SenderHandler.class);

  private final QueuedMessageSender sender;
  private final BiConsumer<String, Integer> delayRetry;

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
            new StatusApplier(wiring.inboundStore()),
            wiring.throughputLimiter(),
            wiring.deadLetters(),
            Clock.systemUTC(),
            settings),
        wiring.visibilityDelayer());
  }

  public SenderHandler(QueuedMessageSender sender, BiConsumer<String, Integer> delayRetry) {
    this.sender = sender;
    this.delayRetry = delayRetry;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = Json.MAPPER.readTree(input);
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    // Order matters within a customer's group only: after a record of a group is not done, the
    // group's later records wait with it; other groups go on.
    Map<String, Integer> waitingGroups = new HashMap<>();
    for (JsonNode record : event.path("Records")) {
      String recordId = record.path("messageId").asText();
      String group = record.path("attributes").path("MessageGroupId").asText("");
      Integer groupDelay = waitingGroups.get(group);
      if (groupDelay != null) {
        delayRetry.accept(record.path("receiptHandle").asText(), groupDelay);
        failures.addObject().put("itemIdentifier", recordId);
        continue;
      }
      OptionalInt retryAfter = handle(record);
      if (retryAfter.isPresent()) {
        waitingGroups.put(group, retryAfter.getAsInt());
        failures.addObject().put("itemIdentifier", recordId);
      }
    }
    Json.MAPPER.writeValue(output, response);
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
}
