package dev.frontdoor.adapter.out.sqs;

import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.outbound.port.out.OutboundQueue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The FIFO outbound queue; its body is {@link OutboundQueueBody}. */
public final class SqsOutboundQueue implements OutboundQueue {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsOutboundQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(String messageId, String group) {
    try {
      sqs.sendMessage(
          request ->
              request
                  .queueUrl(queueUrl)
                  .messageBody(OutboundQueueBody.write(messageId))
                  .messageGroupId(group)
                  .messageDeduplicationId(messageId));
    } catch (SdkException e) {
      throw new StoreUnavailableException(
          "the outbound queue did not answer: " + e.getMessage(), e);
    }
  }
}
