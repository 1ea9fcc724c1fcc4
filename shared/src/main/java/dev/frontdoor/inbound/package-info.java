/**
 * Inbound WhatsApp: the webhook's subscription handshake, signature check, parser, opt-out keywords
 * and the ingest use case that records what Meta delivers on the customer's thread.
 */
package dev.frontdoor.inbound;
