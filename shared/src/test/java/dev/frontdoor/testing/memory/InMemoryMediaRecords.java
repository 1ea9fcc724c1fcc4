package dev.frontdoor.testing.memory;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.lifecycle.ArchivableMedia;
import dev.frontdoor.lifecycle.port.out.MediaRecords;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MediaRecords} in memory, with the adapter's contract: marks never create an item, and
 * {@code archived} is never overwritten by {@code failed}.
 */
public final class InMemoryMediaRecords implements MediaRecords {
  /** What the item records: state, key or reason. */
  public record Recorded(String state, String key, String sha256, long bytes, String reason) {}

  private final Map<String, ArchivableMedia> items = new ConcurrentHashMap<>();
  private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();

  public void put(ArchivableMedia media) {
    items.put(id(media.thread(), media.sortKey()), media);
  }

  /** The message goes (erased or expired). */
  public void remove(CustomerKey thread, String sortKey) {
    items.remove(id(thread, sortKey));
    recorded.remove(id(thread, sortKey));
  }

  public Optional<Recorded> recorded(CustomerKey thread, String sortKey) {
    return Optional.ofNullable(recorded.get(id(thread, sortKey)));
  }

  @Override
  public Optional<ArchivableMedia> find(CustomerKey thread, String sortKey, Instant now) {
    String id = id(thread, sortKey);
    return Optional.ofNullable(items.get(id))
        .map(
            m ->
                new ArchivableMedia(
                    m.thread(),
                    m.sortKey(),
                    m.customerRef(),
                    m.mediaId(),
                    m.sha256(),
                    m.mimeType(),
                    m.receivedAtMillis(),
                    Optional.ofNullable(recorded.get(id)).map(Recorded::state)));
  }

  @Override
  public boolean markArchived(
      CustomerKey thread, String sortKey, String key, String sha256Hex, long bytes, Instant now) {
    String id = id(thread, sortKey);
    if (!items.containsKey(id)) {
      return false;
    }
    recorded.put(id, new Recorded("archived", key, sha256Hex, bytes, null));
    return true;
  }

  @Override
  public void markFailed(CustomerKey thread, String sortKey, String reason, Instant now) {
    String id = id(thread, sortKey);
    if (items.containsKey(id)
        && !recorded
            .getOrDefault(id, new Recorded("", null, null, 0, null))
            .state()
            .equals("archived")) {
      recorded.put(id, new Recorded("failed", null, null, 0, reason));
    }
  }

  private static String id(CustomerKey thread, String sortKey) {
    return thread.value() + "\n" + sortKey;
  }
}
