/**
 * Outbound messages: the queued message and the queue that carries it from the send API (send) to
 * the sender (delivery).
 */
package dev.frontdoor.outbound;
