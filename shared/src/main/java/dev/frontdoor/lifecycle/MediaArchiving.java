package dev.frontdoor.lifecycle;

import dev.frontdoor.lifecycle.port.in.ArchiveMedia;
import dev.frontdoor.lifecycle.port.out.MediaArchive;
import dev.frontdoor.lifecycle.port.out.MediaRecords;
import dev.frontdoor.lifecycle.port.out.MediaSource;
import dev.frontdoor.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The media archive (issue 14, part 7): for one inbound media message, fetch the bytes from Meta
 * while the media id is valid, check them against the sha256 the webhook gave, store them under
 * {@code media/<customer_ref>/<media id>} and record the outcome on the message item.
 *
 * <ul>
 *   <li>Idempotent: a message already {@code archived} is skipped; a job for a message that is gone
 *       (erased, expired) is skipped.
 *   <li>A sha256 mismatch, a media id past Meta's 7 days, or a refusal by the source (unknown
 *       media, a host off the allow-list, a redirect, too large) is {@code failed} with its reason;
 *       nothing is stored.
 *   <li>A transient failure is retried by the queue until {@code maxAttempts}, then {@code failed}.
 *   <li>Erasure racing the job: the object is stored before the item is marked; when the mark finds
 *       the item gone, the object is deleted again, so no archived media outlives its message.
 * </ul>
 */
public final class MediaArchiving implements ArchiveMedia {
  private static final Log LOG = Log.of(MediaArchiving.class);

  /** Meta keeps the media of a received message for 7 days (its media reference). */
  public static final Duration MEDIA_ID_VALIDITY = Duration.ofDays(7);

  /** Meta's largest media, documents: 100 MB. */
  public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** The archive turned off ({@code MEDIA_ARCHIVE_BUCKET} unset): every job is skipped. */
  public static final ArchiveMedia OFF =
      command -> MediaArchiveOutcome.skipped("the media archive is off");

  /** Meta's media ids are digits; anything else must not reach a key or a path. */
  private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private static final Pattern CUSTOMER_REF = Pattern.compile("[0-9a-f]{16,128}");

  private final MediaRecords records;
  private final MediaSource source;
  private final MediaArchive archive;
  private final Clock clock;
  private final long maxBytes;
  private final int maxAttempts;

  public MediaArchiving(
      MediaRecords records,
      MediaSource source,
      MediaArchive archive,
      Clock clock,
      long maxBytes,
      int maxAttempts) {
    if (maxBytes < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("the size cap and the attempts must be at least 1");
    }
    this.records = records;
    this.source = source;
    this.archive = archive;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.maxAttempts = maxAttempts;
  }

  /** The archive key of a customer's media object: erasure deletes {@link #prefix} whole. */
  public static String key(String customerRef, String mediaId) {
    return prefix(customerRef) + mediaId;
  }

  /** {@code media/<customer_ref>/}: every archived object of one customer's thread. */
  public static String prefix(String customerRef) {
    return "media/" + customerRef + "/";
  }

  @Override
  public MediaArchiveOutcome archive(ArchiveMediaCommand command) {
    Instant now = clock.instant();
    Optional<ArchivableMedia> found = records.find(command.thread(), command.sortKey(), now);
    if (found.isEmpty()) {
      return done(MediaArchiveOutcome.skipped("the message is gone or has no media"), null);
    }
    ArchivableMedia media = found.get();
    if (media.state().filter("archived"::equals).isPresent()) {
      return done(MediaArchiveOutcome.skipped("archived already"), media);
    }
    if (media.mediaId() == null || !MEDIA_ID.matcher(media.mediaId()).matches()) {
      return fail(media, "the media id is missing or malformed", now);
    }
    if (media.customerRef() == null || !CUSTOMER_REF.matcher(media.customerRef()).matches()) {
      return fail(media, "the message has no customer_ref", now);
    }
    if (now.toEpochMilli() > media.receivedAtMillis() + MEDIA_ID_VALIDITY.toMillis()) {
      return fail(media, "the media id has expired (Meta keeps it 7 days)", now);
    }
    MediaFetch fetched = source.fetch(media.mediaId(), maxBytes);
    if (fetched instanceof MediaFetch.Refused refused) {
      return fail(media, refused.reason(), now);
    }
    if (fetched instanceof MediaFetch.Unavailable unavailable) {
      if (command.attempt() >= maxAttempts) {
        return fail(
            media, unavailable.reason() + " (after " + command.attempt() + " attempts)", now);
      }
      return done(MediaArchiveOutcome.retry(unavailable.reason()), media);
    }
    MediaFetch.Fetched bytes = (MediaFetch.Fetched) fetched;
    if (!MediaDigest.matches(media.sha256(), bytes.bytes())) {
      return fail(media, "sha256 mismatch: the bytes are not the media the webhook named", now);
    }
    if (bytes.declaredSha256() != null
        && !bytes.declaredSha256().isBlank()
        && !MediaDigest.matches(bytes.declaredSha256(), bytes.bytes())) {
      return fail(media, "sha256 mismatch: the bytes are not the media endpoint's", now);
    }
    String key = key(media.customerRef(), media.mediaId());
    String mimeType =
        media.mimeType() != null && !media.mimeType().isBlank()
            ? media.mimeType()
            : bytes.mimeType();
    archive.put(key, bytes.bytes(), mimeType);
    String hex = MediaDigest.hex(bytes.bytes());
    if (!records.markArchived(
        media.thread(), media.sortKey(), key, hex, bytes.bytes().length, now)) {
      // Erased (or expired) while fetching: the object must not outlive its message.
      archive.delete(key);
      return done(MediaArchiveOutcome.skipped("the message went while archiving"), media);
    }
    LOG.info("media.archived")
        .field("customer_ref", media.customerRef())
        .field("bytes", bytes.bytes().length)
        .write();
    return MediaArchiveOutcome.archived(key);
  }

  private MediaArchiveOutcome fail(ArchivableMedia media, String reason, Instant now) {
    records.markFailed(media.thread(), media.sortKey(), reason, now);
    LOG.warn("media.archive_failed")
        .field("customer_ref", media.customerRef())
        .field("reason", reason)
        .write();
    return MediaArchiveOutcome.failed(reason);
  }

  private static MediaArchiveOutcome done(MediaArchiveOutcome outcome, ArchivableMedia media) {
    LOG.info("media." + outcome.result().name().toLowerCase(java.util.Locale.ROOT))
        .field("customer_ref", media == null ? "" : media.customerRef())
        .field("reason", outcome.reason())
        .write();
    return outcome;
  }
}
