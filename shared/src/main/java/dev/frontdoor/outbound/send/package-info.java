/**
 * The send API's use case: validated send requests, business numbers, idempotency, and queueing a
 * message on the customer's thread.
 */
package dev.frontdoor.outbound.send;
