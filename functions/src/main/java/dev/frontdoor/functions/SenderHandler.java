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
import dev.frontdoor.domain.thread.StoreUnavailableException;
import dev.frontdoor.domain.whatsapp.StatusApplier;
import dev.frontdoor.functions.http.Json;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * Drains the outbound FIFO queue (SQS event source, {@code ReportBatchItemFailures}). Records are
 * handled in order; at the first that is not done, it and every later record are reported failed,
 * which keeps each customer's messages in order. A retry's delay is set on the message's
 * visibility, so throttling backs off instead of spinning.
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
                                EnvVar.META_ACCESS_TOKEN, "is required by the sender"))),
            new StatusApplier(wiring.inboundStore()),
            wiring.throughputLimiter(),
            Clock.systemUTC()),
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
    boolean failing = false;
    for (JsonNode record : event.path("Records")) {
      String recordId = record.path("messageId").asText();
      if (!failing) {
        failing = !handled(record);
      }
      if (failing) {
        failures.addObject().put("itemIdentifier", recordId);
      }
    }
    Json.MAPPER.writeValue(output, response);
  }

  /** {@code true} when the record is finished with (sent, failed for good, or gone). */
  private boolean handled(JsonNode record) {
    String messageId =
        record.path("body").isTextual() ? messageIdOf(record.get("body").asText()) : null;
    if (messageId == null) {
      // Not one of ours: left to fail until the redrive policy moves it to the dead-letter queue.
      LOG.error("sender.unreadable_record")
          .field("sqs_message_id", record.path("messageId").asText())
          .write();
      return false;
    }
    int receiveCount = record.path("attributes").path("ApproximateReceiveCount").asInt(1);
    try {
      Delivery delivery = sender.deliver(messageId, receiveCount);
      if (!delivery.done()) {
        delayRetry.accept(record.path("receiptHandle").asText(), delivery.retryAfterSeconds());
      }
      return delivery.done();
    } catch (StoreUnavailableException e) {
      LOG.error("sender.store_unavailable").field("message_id", messageId).error(e).write();
      return false;
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
