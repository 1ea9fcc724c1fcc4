package dev.frontdoor.adapter.out.sqs;

import dev.frontdoor.outbound.delivery.port.out.RetryDelays;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A retried record's backoff set as its visibility timeout on the outbound queue. */
public final class SqsRetryDelays implements RetryDelays {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsRetryDelays(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void delay(String receipt, int seconds) {
    try {
      sqs.changeMessageVisibility(
          request -> request.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(seconds));
    } catch (SdkException e) {
      // The queue's own visibility timeout then decides when the retry comes.
    }
  }
}
