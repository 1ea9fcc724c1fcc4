package dev.frontdoor.testing.memory;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.UserId;
import dev.frontdoor.lifecycle.StoredItem;
import dev.frontdoor.lifecycle.Tombstone;
import dev.frontdoor.lifecycle.port.out.ErasureStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * {@link ErasureStore} over a small table of its own (pk, sk, and the attributes erasure reads:
 * {@code entity}, {@code lookups}, {@code user_id}, a raw reference's target), with the key formats
 * of docs/data-model.md. A hook runs before each delete, to play a writer that stores while the
 * erasure runs.
 */
public final class InMemoryErasureStore implements ErasureStore {

  /** An item as erasure sees it. */
  public record Row(
      String entity, Set<String> lookups, String userId, String targetPk, String targetSk) {}

  private final Map<String, ConcurrentSkipListMap<String, Row>> table = new ConcurrentHashMap<>();
  private final Map<String, Tombstone> tombstones = new ConcurrentHashMap<>();
  private final List<Tombstone> tombstoneWrites = new ArrayList<>();
  private volatile Consumer<Integer> beforeDelete = pass -> {};
  private int deletes;

  public void put(String pk, String sk, String entity, Set<String> lookups, String userId) {
    table
        .computeIfAbsent(pk, k -> new ConcurrentSkipListMap<>())
        .put(sk, new Row(entity, Set.copyOf(lookups), userId, null, null));
  }

  public void put(String pk, String sk, String entity) {
    put(pk, sk, entity, Set.of(), null);
  }

  /** A raw event and its reference by a customer's pseudonym, as DynamoDbRawEventStore writes. */
  public void putRawEvent(String kind, String hash, String customerRef) {
    put("RAW#" + kind, hash, "raw_event");
    table
        .computeIfAbsent("RAWREF#" + customerRef, k -> new ConcurrentSkipListMap<>())
        .put("RAW#" + kind + "#" + hash, new Row("lookup", Set.of(), null, "RAW#" + kind, hash));
  }

  /** Runs before each delete call with its ordinal (1, 2, ...). */
  public void beforeDelete(Consumer<Integer> hook) {
    this.beforeDelete = hook;
  }

  public boolean contains(String pk, String sk) {
    return table.getOrDefault(pk, new ConcurrentSkipListMap<>()).containsKey(sk);
  }

  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    table.forEach((pk, rows) -> rows.keySet().forEach(sk -> keys.add(pk + " " + sk)));
    return keys;
  }

  public Optional<Tombstone> tombstone(String customerRef) {
    return Optional.ofNullable(tombstones.get(customerRef));
  }

  public synchronized List<Tombstone> tombstoneWrites() {
    return List.copyOf(tombstoneWrites);
  }

  @Override
  public List<StoredItem> customerItems(CustomerKey customer) {
    return partition("CUST#" + customer.value());
  }

  @Override
  public List<StoredItem> lookupPartition(String pk) {
    return partition(pk);
  }

  @Override
  public List<StoredItem> rawEvents(String customerRef) {
    List<StoredItem> found = new ArrayList<>();
    List<StoredItem> refs = new ArrayList<>();
    table
        .getOrDefault("RAWREF#" + customerRef, new ConcurrentSkipListMap<>())
        .forEach(
            (sk, row) -> {
              if (contains(row.targetPk(), row.targetSk())) {
                found.add(StoredItem.of(row.targetPk(), row.targetSk(), "raw_event"));
              }
              refs.add(StoredItem.of("RAWREF#" + customerRef, sk, row.entity()));
            });
    found.addAll(refs);
    return found;
  }

  @Override
  public String userIdPartition(UserId userId) {
    return "BSUID#" + userId.value();
  }

  @Override
  public void delete(Collection<StoredItem> items) {
    int call;
    synchronized (this) {
      call = ++deletes;
    }
    beforeDelete.accept(call);
    for (StoredItem item : items) {
      ConcurrentSkipListMap<String, Row> rows = table.get(item.pk());
      if (rows != null) {
        rows.remove(item.sk());
      }
    }
  }

  @Override
  public synchronized void putTombstone(Tombstone tombstone) {
    tombstones.put(tombstone.customerRef(), tombstone);
    tombstoneWrites.add(tombstone);
  }

  private List<StoredItem> partition(String pk) {
    List<StoredItem> found = new ArrayList<>();
    table
        .getOrDefault(pk, new ConcurrentSkipListMap<>())
        .forEach(
            (sk, row) -> {
              Set<String> lookups = new LinkedHashSet<>(row.lookups());
              Set<UserId> userIds = new LinkedHashSet<>();
              if (row.userId() != null) {
                userIds.add(new UserId(row.userId()));
                lookups.add("BSUID#" + row.userId());
              }
              found.add(new StoredItem(pk, sk, row.entity(), lookups, userIds));
            });
    return found;
  }
}
