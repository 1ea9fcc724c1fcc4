package dev.frontdoor.lifecycle;

import dev.frontdoor.common.CustomerKey;
import java.util.Objects;

/**
 * One inbound media message to archive: where its item is (its thread and sort key) and which
 * delivery of the job this is ({@code attempt}, from 1; the queue's receive count).
 */
public record ArchiveMediaCommand(CustomerKey thread, String sortKey, int attempt) {
  public ArchiveMediaCommand {
    Objects.requireNonNull(thread, "thread");
    if (sortKey == null || sortKey.isBlank()) {
      throw new IllegalArgumentException("the message's sort key is required");
    }
    attempt = Math.max(1, attempt);
  }
}
