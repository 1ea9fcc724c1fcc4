package dev.frontdoor.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an erasure removed: the customer's pseudonym (never the number), when it was erased (epoch
 * ms), how many items of each kind were deleted ({@code message}, {@code status}, {@code lookup},
 * {@code raw_event}, ...; sorted by kind), their total, the pseudonyms of every thread erased (the
 * number's and each {@code ~<bsuid>} thread's: each has its tombstone), and how many passes over
 * the customer's partitions it took (concurrent ingest can add a pass). A repeated erasure has a
 * zero receipt.
 */
public record ErasureReceipt(
    String customerRef,
    long erasedAt,
    Map<String, Long> removed,
    long total,
    List<String> customerRefs,
    int passes) {

  public ErasureReceipt {
    removed = java.util.Collections.unmodifiableMap(new TreeMap<>(removed));
    customerRefs = List.copyOf(customerRefs);
  }
}
