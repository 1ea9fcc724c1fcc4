package dev.frontdoor.adapter.out.sqs;

import dev.frontdoor.domain.thread.StoreUnavailableException;
import dev.frontdoor.port.out.OutboundQueue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The FIFO outbound queue. The body is only the message id: phone numbers and message bodies stay
 * in the table, out of the queue and its dead-letter queue.
 */
public final class SqsOutboundQueue implements OutboundQueue {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsOutboundQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  /** The body of every outbound queue message, dead letters included: the message id only. */
  static String body(String messageId) {
    return "{\"message_id\":\"" + messageId + "\"}";
  }

  @Override
  public void enqueue(String messageId, String group) {
    try {
      sqs.sendMessage(
          request ->
              request
                  .queueUrl(queueUrl)
                  .messageBody(body(messageId))
                  .messageGroupId(group)
                  .messageDeduplicationId(messageId));
    } catch (SdkException e) {
      throw new StoreUnavailableException(
          "the outbound queue did not answer: " + e.getMessage(), e);
    }
  }
}
