package dev.frontdoor.lifecycle.port.out;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.lifecycle.StoredItem;
import dev.frontdoor.lifecycle.Tombstone;
import java.util.Collection;
import java.util.List;

/**
 * The reads and deletes of an erasure (docs/data-model.md 12). Every read is strongly consistent
 * and returns every page; keys are opaque to the caller.
 */
public interface ErasureStore {

  /** Every item of the customer's partition ({@code CUST#<key>}), whatever its kind or expiry. */
  List<StoredItem> customerItems(CustomerKey customer);

  /** Every item of a lookup partition ({@code MSG#…}, {@code WAMID#…}, {@code BSUID#…}, ...). */
  List<StoredItem> lookupPartition(String pk);

  /**
   * The raw events recorded as mentioning the customer (their pseudonym), and the items that record
   * it. Raw events come first, so deleting in the order given never leaves a raw event whose
   * reference is gone.
   */
  List<StoredItem> rawEvents(String customerRef);

  /** The lookup partition of a business-scoped user id ({@code BSUID#<bsuid>}, data-model 6.2). */
  String userIdPartition(dev.frontdoor.common.UserId userId);

  /** Deletes the items (absent ones are no error), in batches, in the order given. */
  void delete(Collection<StoredItem> items);

  /** Writes (or overwrites) the customer's tombstone. */
  void putTombstone(Tombstone tombstone);
}
