package dev.frontdoor.adapter.in.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.out.sqs.OutboundQueueBody;
import dev.frontdoor.outbound.delivery.BatchOutcome;
import dev.frontdoor.outbound.delivery.OutboundBatch;
import dev.frontdoor.outbound.delivery.QueuedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQS event of the outbound queue (event source with {@code ReportBatchItemFailures}) as the
 * sender's batch, and the batch's outcome as the event source's answer.
 */
public final class OutboundQueueEvent {
  private OutboundQueueEvent() {}

  public static OutboundBatch decode(JsonNode event, Duration timeLeft) {
    List<QueuedRecord> records = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      JsonNode attributes = record.path("attributes");
      records.add(
          new QueuedRecord(
              record.path("messageId").asText(),
              record.path("receiptHandle").asText(),
              OutboundQueueBody.read(record.path("body")),
              attributes.path("MessageGroupId").asText(""),
              attributes.path("ApproximateReceiveCount").asInt(1)));
    }
    return new OutboundBatch(records, timeLeft);
  }

  /** {@code {"batchItemFailures": [{"itemIdentifier": ...}]}}: the records the queue keeps. */
  public static ObjectNode batchItemFailures(BatchOutcome outcome) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    outcome.failedRecordIds().forEach(id -> failures.addObject().put("itemIdentifier", id));
    return response;
  }
}
