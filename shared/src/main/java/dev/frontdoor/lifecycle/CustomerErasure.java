package dev.frontdoor.lifecycle;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.InvalidPhoneNumberException;
import dev.frontdoor.common.InvalidUserIdException;
import dev.frontdoor.common.UserId;
import dev.frontdoor.lifecycle.port.in.EraseCustomer;
import dev.frontdoor.lifecycle.port.out.ErasureStore;
import dev.frontdoor.lifecycle.port.out.MediaArchive;
import dev.frontdoor.logging.Log;
import dev.frontdoor.threads.port.out.UserIdStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erases everything about one customer (docs/data-model.md 12). In order:
 *
 * <ol>
 *   <li>Resolve the path: a number (any spelling) is its thread; a BSUID is the number it was
 *       paired with (if any) and its own {@code ~<bsuid>} thread, and its {@code BSUID#} lookup.
 *   <li>Tombstone first ({@code in_progress}) for each thread, before anything is deleted: from
 *       then on analytics leave the customer out, and a crash leaves a record to re-run.
 *   <li>Passes. Each pass reads, consistently, every known customer partition (the number's, and
 *       each {@code ~<bsuid>} thread of a user id any item names), the raw events recorded against
 *       each thread's pseudonym, and every lookup partition any item listed in this or an earlier
 *       pass; then deletes lookup partitions first, raw events next, customer partitions last. A
 *       crash mid-pass therefore always leaves the targets that list the remaining lookups, so a
 *       re-run finds them. Passes repeat, a short settle apart, until one finds nothing: an item
 *       written after a pass's read (a message arriving during erasure, a lookup written after its
 *       target) is found by the next pass, because lookup partitions already seen are read again in
 *       every pass. When items keep arriving through {@link #MAX_PASSES} passes, one last read of
 *       the lookup partitions follows (so no lookup outlives a target deleted), the answer is
 *       {@code INCOMPLETE} and the tombstones stay {@code in_progress}: what arrived after the last
 *       read is whole, and a repeated request erases it.
 *   <li>Tombstones {@code completed}; the receipt counts what went, by kind.
 * </ol>
 *
 * <p>A second request finds nothing and answers a zero receipt. Logs carry the pseudonym only.
 */
public final class CustomerErasure implements EraseCustomer {
  private static final Log LOG = Log.of(CustomerErasure.class);

  /** Passes before giving up as {@code INCOMPLETE} (the request is safe to repeat). */
  static final int MAX_PASSES = 8;

  /**
   * The pause before each pass after the first: time for a writer that stored a target just before
   * a pass to write the lookups that follow it (one or two table calls).
   */
  public static final Duration DEFAULT_SETTLE = Duration.ofMillis(250);

  private final ErasureStore store;
  private final UserIdStore userIds;
  private final CustomerRefs refs;
  private final String defaultRegion;
  private final Clock clock;
  private final Duration settle;
  private final MediaArchive media;

  public CustomerErasure(
      ErasureStore store,
      UserIdStore userIds,
      CustomerRefs refs,
      String defaultRegion,
      Clock clock,
      Duration settle) {
    this(store, userIds, refs, defaultRegion, clock, settle, MediaArchive.NONE);
  }

  /** With the media archive, whose objects of each erased thread go too (counted as media). */
  public CustomerErasure(
      ErasureStore store,
      UserIdStore userIds,
      CustomerRefs refs,
      String defaultRegion,
      Clock clock,
      Duration settle,
      MediaArchive media) {
    this.media = media;
    this.store = store;
    this.userIds = userIds;
    this.refs = refs;
    this.defaultRegion = defaultRegion;
    this.clock = clock;
    this.settle = settle;
  }

  @Override
  public ErasureOutcome erase(EraseCommand command) {
    Set<CustomerKey> threads = new LinkedHashSet<>();
    Set<String> lookupPks = new LinkedHashSet<>();
    CustomerKey primary;
    try {
      primary = resolve(command.customer(), threads, lookupPks);
    } catch (InvalidPhoneNumberException | InvalidUserIdException e) {
      return ErasureOutcome.invalid("phone: " + e.getMessage());
    }
    long erasedAt = clock.millis();
    String primaryRef = refs.of(primary);
    Set<CustomerKey> tombstoned = new LinkedHashSet<>();
    tombstone(threads, tombstoned, erasedAt);
    LOG.info("customer.erasure.started")
        .field("customer_ref", primaryRef)
        .field("api_client", command.apiClient())
        .write();

    Map<String, Long> removed = new LinkedHashMap<>();
    long total = 0;
    int passes = 0;
    boolean settled = false;
    while (passes < MAX_PASSES) {
      if (passes > 0) {
        pause();
      }
      passes++;
      long deleted = pass(threads, lookupPks, tombstoned, erasedAt, removed);
      total += deleted;
      if (deleted == 0) {
        settled = true;
        break;
      }
    }
    if (!settled) {
      // The last pass deleted targets whose lookups may still be on their way: one more read of
      // every lookup partition seen, after the settle, so that no lookup outlives its target.
      pause();
      List<StoredItem> late = new ArrayList<>();
      for (String pk : lookupPks) {
        late.addAll(store.lookupPartition(pk));
      }
      store.delete(late);
      late.forEach(item -> removed.merge(item.kind(), 1L, Long::sum));
      total += late.size();
    }
    List<String> customerRefs = tombstoned.stream().map(refs::of).toList();
    // Archived media last: an archive job racing this erasure deletes its own object when it
    // finds the message gone (MediaArchiving), so nothing it stores outlives the passes.
    for (String ref : customerRefs) {
      int objects = media.deleteAll(MediaArchiving.prefix(ref));
      if (objects > 0) {
        removed.merge("media", (long) objects, Long::sum);
        total += objects;
      }
    }
    ErasureReceipt receipt =
        new ErasureReceipt(primaryRef, erasedAt, removed, total, customerRefs, passes);
    if (!settled) {
      LOG.warn("customer.erasure.incomplete")
          .field("customer_ref", primaryRef)
          .field("deleted", total)
          .field("passes", passes)
          .write();
      return ErasureOutcome.incomplete(receipt);
    }
    long completedAt = clock.millis();
    for (CustomerKey thread : tombstoned) {
      store.putTombstone(
          Tombstone.started(refs.of(thread), erasedAt).completed(total, completedAt));
    }
    LOG.info("customer.erasure.completed")
        .field("customer_ref", primaryRef)
        .field("threads", tombstoned.size())
        .field("deleted", total)
        .field("removed", removed.toString())
        .field("passes", passes)
        .write();
    return ErasureOutcome.erased(receipt);
  }

  /**
   * One pass: read everything known, then delete lookups, raw events and the customer partitions in
   * that order. Adds the threads and lookup partitions it learns of. Returns how many items it
   * deleted.
   */
  private long pass(
      Set<CustomerKey> threads,
      Set<String> lookupPks,
      Set<CustomerKey> tombstoned,
      long erasedAt,
      Map<String, Long> removed) {
    List<StoredItem> partitions = new ArrayList<>();
    // A thread learnt from an item (a ~<bsuid> thread) is read in this same pass.
    List<CustomerKey> toRead = new ArrayList<>(threads);
    for (int i = 0; i < toRead.size(); i++) {
      for (StoredItem item : store.customerItems(toRead.get(i))) {
        partitions.add(item);
        lookupPks.addAll(item.lookups());
        for (UserId userId : item.userIds()) {
          lookupPks.add(store.userIdPartition(userId));
          CustomerKey own = CustomerKey.of(userId);
          if (threads.add(own)) {
            toRead.add(own);
          }
        }
      }
    }
    // Tombstone a thread learnt in this pass before any of its items goes.
    tombstone(threads, tombstoned, erasedAt);
    List<StoredItem> raw = new ArrayList<>();
    for (CustomerKey thread : threads) {
      raw.addAll(store.rawEvents(refs.of(thread)));
    }
    List<StoredItem> lookups = new ArrayList<>();
    for (String pk : lookupPks) {
      lookups.addAll(store.lookupPartition(pk));
    }
    // One item can be reached twice (a raw event that names the number and the BSUID): once.
    Map<String, StoredItem> distinct = new LinkedHashMap<>();
    for (List<StoredItem> group : List.of(lookups, raw, partitions)) {
      for (StoredItem item : group) {
        distinct.putIfAbsent(item.pk() + "\n" + item.sk(), item);
      }
    }
    List<StoredItem> all = List.copyOf(distinct.values());
    store.delete(all);
    for (StoredItem item : all) {
      removed.merge(item.kind(), 1L, Long::sum);
    }
    return all.size();
  }

  private void tombstone(Set<CustomerKey> threads, Set<CustomerKey> done, long erasedAt) {
    for (CustomerKey thread : threads) {
      if (done.add(thread)) {
        store.putTombstone(Tombstone.started(refs.of(thread), erasedAt));
      }
    }
  }

  /**
   * The threads the path names: a number's; or a BSUID's own ({@code ~<bsuid>}) and the number it
   * was paired with. A BSUID's lookup partition is erased as well. The primary thread (the
   * receipt's pseudonym) is the number's when known.
   */
  private CustomerKey resolve(String raw, Set<CustomerKey> threads, Set<String> lookupPks) {
    String text = raw == null ? "" : raw.trim();
    if (text.startsWith("~") || UserId.looksLike(text)) {
      UserId userId = new UserId(text.startsWith("~") ? text.substring(1) : text);
      lookupPks.add(store.userIdPartition(userId));
      userIds.findCustomer(userId, clock.instant()).map(CustomerKey::of).ifPresent(threads::add);
      threads.add(CustomerKey.of(userId));
      return threads.iterator().next();
    }
    CustomerKey key = CustomerKey.of(CustomerNumber.parse(text, defaultRegion));
    threads.add(key);
    return key;
  }

  private void pause() {
    if (settle.isZero() || settle.isNegative()) {
      return;
    }
    try {
      Thread.sleep(settle.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
