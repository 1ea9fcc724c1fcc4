package dev.frontdoor.adapter.out.sqs;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.threads.port.out.MediaFollowUp;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The media-archive queue (standard SQS): one job per stored media message, body {@link
 * MediaArchiveQueueBody}. A send that fails fails the webhook (503), so Meta's retry enqueues it
 * again; duplicates are harmless, the archiver skips what it archived already.
 */
public final class SqsMediaArchiveQueue implements MediaFollowUp {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsMediaArchiveQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void afterMediaMessage(CustomerKey thread, String sortKey) {
    try {
      sqs.sendMessage(
          request ->
              request.queueUrl(queueUrl).messageBody(MediaArchiveQueueBody.write(thread, sortKey)));
    } catch (SdkException e) {
      throw new StoreUnavailableException(
          "the media archive queue did not answer: " + e.getMessage(), e);
    }
  }
}
