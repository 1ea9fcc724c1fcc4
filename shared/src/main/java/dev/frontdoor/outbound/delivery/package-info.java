/**
 * The sender: the FIFO batch policy, throughput limiter and pair pacer, and sending each queued
 * message to the Graph API with its error classes.
 */
package dev.frontdoor.outbound.delivery;
