package dev.frontdoor.threads;

/**
 * Something a signed webhook carried that has no place in a thread: a change of a field Frontdoor
 * does not handle (groups, account updates), or an entry that cannot be routed to a customer (no
 * usable number or timestamp). Kept whole, never dropped; {@code reason} says why it is here.
 */
public record RawEvent(String kind, String reason, String json) {}
