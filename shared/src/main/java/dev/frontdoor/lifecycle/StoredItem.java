package dev.frontdoor.lifecycle;

import dev.frontdoor.common.UserId;
import java.util.Set;

/**
 * One item found while erasing, as much as erasure needs of it: its key (opaque), its kind (the
 * item's {@code entity}), the lookup partitions it lists (its {@code lookups}, and {@code BSUID#}
 * of a user id it carries), and the business-scoped user ids it names (each leads to the {@code
 * ~<bsuid>} thread and the {@code BSUID#} lookup).
 */
public record StoredItem(
    String pk, String sk, String kind, Set<String> lookups, Set<UserId> userIds) {

  public StoredItem {
    kind = kind == null || kind.isBlank() ? "other" : kind;
    lookups = Set.copyOf(lookups);
    userIds = Set.copyOf(userIds);
  }

  public static StoredItem of(String pk, String sk, String kind) {
    return new StoredItem(pk, sk, kind, Set.of(), Set.of());
  }
}
