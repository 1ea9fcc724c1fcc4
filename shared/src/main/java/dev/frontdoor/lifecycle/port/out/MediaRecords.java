package dev.frontdoor.lifecycle.port.out;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.lifecycle.ArchivableMedia;
import java.time.Instant;
import java.util.Optional;

/**
 * The archive state on inbound message items ({@code media_archive}, docs/data-model.md 5.5).
 * Updates never create an item (P5): a message erased or expired meanwhile stays gone.
 */
public interface MediaRecords {

  /** The media message at that place, strongly consistent; empty when gone, expired or no media. */
  Optional<ArchivableMedia> find(CustomerKey thread, String sortKey, Instant now);

  /**
   * Records {@code archived} with its key, hex sha256 and size; {@code false} when the message is
   * gone (the caller then deletes the object it stored).
   */
  boolean markArchived(
      CustomerKey thread, String sortKey, String key, String sha256Hex, long bytes, Instant now);

  /** Records {@code failed} with the reason, unless the message is archived already or gone. */
  void markFailed(CustomerKey thread, String sortKey, String reason, Instant now);
}
