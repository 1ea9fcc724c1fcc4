package dev.frontdoor.inbound;

import dev.frontdoor.threads.port.out.CallStore;
import dev.frontdoor.threads.port.out.CustomerStore;
import dev.frontdoor.threads.port.out.MessageStore;
import dev.frontdoor.threads.port.out.RawEventStore;
import dev.frontdoor.threads.port.out.StatusStore;
import dev.frontdoor.threads.port.out.UserIdStore;

/** The item families a webhook writes: one store port each (docs/data-model.md, 9.2 to 9.5). */
public record IngestStores(
    MessageStore messages,
    StatusStore statuses,
    CallStore calls,
    RawEventStore rawEvents,
    CustomerStore customers,
    UserIdStore userIds) {

  /** Stores that never resolve a BSUID to a number (each BSUID-only customer its own thread). */
  public IngestStores(
      MessageStore messages,
      StatusStore statuses,
      CallStore calls,
      RawEventStore rawEvents,
      CustomerStore customers) {
    this(messages, statuses, calls, rawEvents, customers, UserIdStore.NONE);
  }
}
