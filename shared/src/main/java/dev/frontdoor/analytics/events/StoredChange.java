package dev.frontdoor.analytics.events;

import java.util.Map;

/**
 * One change of one table item, as a DynamoDB stream record with {@code NEW_AND_OLD_IMAGES}
 * describes it. Images are plain values: strings, {@link java.math.BigDecimal} numbers, booleans,
 * maps, lists and sets; an absent image is an empty map.
 *
 * @param kind {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param byTimeToLive a deletion by the table's TTL (the record's {@code userIdentity} is the
 *     DynamoDB service)
 */
public record StoredChange(
    Kind kind, Map<String, Object> oldImage, Map<String, Object> newImage, boolean byTimeToLive) {
  public enum Kind {
    INSERT,
    MODIFY,
    REMOVE
  }

  public StoredChange {
    oldImage = oldImage == null ? Map.of() : oldImage;
    newImage = newImage == null ? Map.of() : newImage;
  }

  public static StoredChange insert(Map<String, Object> newImage) {
    return new StoredChange(Kind.INSERT, Map.of(), newImage, false);
  }

  public static StoredChange modify(Map<String, Object> oldImage, Map<String, Object> newImage) {
    return new StoredChange(Kind.MODIFY, oldImage, newImage, false);
  }

  public static StoredChange remove(Map<String, Object> oldImage, boolean byTimeToLive) {
    return new StoredChange(Kind.REMOVE, oldImage, Map.of(), byTimeToLive);
  }
}
