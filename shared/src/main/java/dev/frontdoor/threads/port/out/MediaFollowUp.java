package dev.frontdoor.threads.port.out;

import dev.frontdoor.common.CustomerKey;

/**
 * What follows a stored inbound media message (image, audio, video, document, sticker): with the
 * media archive on, a job for the lifecycle capability's archiver, which fetches the media later;
 * ingest never waits for the fetch. Called after the message item is durable, for new and repeated
 * deliveries alike (the archiver skips what it archived already). A failure throws {@link
 * dev.frontdoor.common.StoreUnavailableException}, so the webhook answers 503 and Meta retries.
 */
public interface MediaFollowUp {
  MediaFollowUp NONE = (thread, sortKey) -> {};

  void afterMediaMessage(CustomerKey thread, String sortKey);
}
