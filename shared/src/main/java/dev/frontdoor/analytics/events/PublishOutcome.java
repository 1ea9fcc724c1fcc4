package dev.frontdoor.analytics.events;

import java.util.OptionalInt;

/**
 * What publishing a batch of stored changes did.
 *
 * @param published events accepted by the publisher
 * @param ignored changes that are no event (lookups, REMOVE records, unchanged statuses, ...)
 * @param firstFailed the position of the first change whose event was not accepted: it and every
 *     change after it must be retried (a stream is retried from a record on)
 */
public record PublishOutcome(int published, int ignored, OptionalInt firstFailed) {}
