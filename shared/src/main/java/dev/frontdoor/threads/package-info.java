/**
 * A customer's thread: the items on it (messages, statuses, calls, raw events), the family stores
 * that keep them, the status applier, the service window and reading a page of it back.
 */
package dev.frontdoor.threads;
