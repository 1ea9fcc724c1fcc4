package dev.frontdoor.lifecycle.port.in;

import dev.frontdoor.lifecycle.ArchiveMediaCommand;
import dev.frontdoor.lifecycle.MediaArchiveOutcome;

/**
 * Archives one inbound media message (opt-in, {@code MEDIA_ARCHIVE_BUCKET}): fetched from Meta, its
 * sha256 checked, stored under the customer's pseudonym, the outcome recorded on the message.
 */
public interface ArchiveMedia {
  MediaArchiveOutcome archive(ArchiveMediaCommand command);
}
