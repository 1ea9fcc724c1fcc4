package dev.frontdoor.inbound;

import dev.frontdoor.threads.port.out.CallStore;
import dev.frontdoor.threads.port.out.CustomerStore;
import dev.frontdoor.threads.port.out.MessageStore;
import dev.frontdoor.threads.port.out.RawEventStore;
import dev.frontdoor.threads.port.out.StatusStore;

/** The item families a webhook writes: one store port each (docs/data-model.md, 9.2 to 9.5). */
public record IngestStores(
    MessageStore messages,
    StatusStore statuses,
    CallStore calls,
    RawEventStore rawEvents,
    CustomerStore customers) {}
