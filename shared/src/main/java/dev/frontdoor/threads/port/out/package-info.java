/**
 * The family stores every capability writes a thread through (messages, statuses, calls, raw
 * events, customers) and the thread reader; adapters implement them.
 */
package dev.frontdoor.threads.port.out;
