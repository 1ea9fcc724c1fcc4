/**
 * Model shared by every capability: customer and business numbers, customer references, digests,
 * and the store failures every use case reports the same way.
 */
package dev.frontdoor.common;
