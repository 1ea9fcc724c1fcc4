package dev.frontdoor.threads;

import dev.frontdoor.common.CustomerKey;
import java.util.List;

/**
 * Something a signed webhook carried that has no place in a thread: a change of a field Frontdoor
 * does not handle (groups, account updates), an entry that cannot be routed to a customer (no
 * usable number or timestamp), or an entry the table cannot hold as an item. Kept whole, never
 * dropped; {@code reason} says why it is here. {@code customers} are the threads it is known to
 * mention (the entry's customer, by number and by BSUID), so that erasure finds it by their
 * pseudonyms (docs/data-model.md 12); empty when the ingest does not know them.
 */
public record RawEvent(String kind, String reason, String json, List<CustomerKey> customers) {

  public RawEvent {
    customers = List.copyOf(customers);
  }

  public RawEvent(String kind, String reason, String json) {
    this(kind, reason, json, List.of());
  }
}
