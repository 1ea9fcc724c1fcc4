package dev.frontdoor.infra.local;

import dev.frontdoor.logging.Log;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * ElasticMQ (1.7.1) restores a FIFO queue's kept messages without its group locks: after a restart
 * a receive hands out a group's later messages while an earlier one is still in flight, so a
 * customer's messages could overtake each other (the sender crash suite found this). On start the
 * local gateway sends every kept message of a FIFO queue again, in its original order, and deletes
 * the restored copy: fresh messages get ElasticMQ's normal group locks. Their receive counts start
 * again; a restart in the middle leaves at most a second copy, which the sender finishes as already
 * sent.
 */
final class RestoredFifoQueue {
  private static final Log LOG = Log.of(RestoredFifoQueue.class);
  private static final int HOLD_SECONDS = 300;

  private RestoredFifoQueue() {}

  static int resend(SqsClient sqs, LocalDeployment.LocalQueue queue) {
    if (!queue.name().endsWith(".fifo")) {
      return 0;
    }
    List<Message> kept = new ArrayList<>();
    while (true) {
      List<Message> batch =
          sqs.receiveMessage(
                  request ->
                      request
                          .queueUrl(queue.url())
                          .maxNumberOfMessages(10)
                          .visibilityTimeout(HOLD_SECONDS)
                          .waitTimeSeconds(0)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (batch.isEmpty()) {
        break;
      }
      kept.addAll(batch);
    }
    // Sent time orders messages across earlier runs; the sequence number orders one run's sends.
    kept.sort(
        Comparator.comparingLong((Message m) -> number(m, "SentTimestamp"))
            .thenComparingLong(m -> number(m, "SequenceNumber")));
    for (Message message : kept) {
      Map<String, String> attributes = message.attributesAsStrings();
      sqs.sendMessage(
          request ->
              request
                  .queueUrl(queue.url())
                  .messageBody(message.body())
                  .messageAttributes(message.messageAttributes())
                  .messageGroupId(attributes.get("MessageGroupId"))
                  .messageDeduplicationId("restored-" + message.messageId()));
      sqs.deleteMessage(
          request -> request.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
    }
    if (!kept.isEmpty()) {
      LOG.info("local.queue.restored")
          .field("queue", queue.name())
          .field("messages", kept.size())
          .write();
    }
    return kept.size();
  }

  private static long number(Message message, String attribute) {
    String value = message.attributesAsStrings().getOrDefault(attribute, "0");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
