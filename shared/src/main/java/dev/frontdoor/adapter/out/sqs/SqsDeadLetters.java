package dev.frontdoor.adapter.out.sqs;

import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.outbound.delivery.port.out.DeadLetters;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The outbound FIFO dead-letter queue. The body stays the message id (what a redrive sends back);
 * the reason, the receive count and the send attempts travel as message attributes, which SQS's own
 * redrive keeps.
 */
public final class SqsDeadLetters implements DeadLetters {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsDeadLetters(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void deadLetter(
      String messageId, String group, String reason, int receives, int attempts) {
    try {
      sqs.sendMessage(
          request ->
              request
                  .queueUrl(queueUrl)
                  .messageBody(OutboundQueueBody.write(messageId))
                  .messageGroupId(group)
                  // Not the message id: a message dead-lettered, redriven and dead-lettered again
                  // within SQS's 5-minute window must not be dropped as a duplicate.
                  .messageDeduplicationId(messageId + "-" + receives + "-" + System.nanoTime())
                  .messageAttributes(
                      Map.of(
                          "reason", text(reason),
                          "receives", number(receives),
                          "attempts", number(attempts))));
    } catch (SdkException e) {
      throw new StoreUnavailableException(
          "the dead-letter queue did not answer: " + e.getMessage(), e);
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue number(int value) {
    return MessageAttributeValue.builder()
        .dataType("Number")
        .stringValue(Integer.toString(value))
        .build();
  }
}
