/**
 * Customer lifecycle: erasure on request ({@link dev.frontdoor.lifecycle.CustomerErasure}, POPIA
 * s24 / GDPR art. 17), and later retention and the like. Depends on {@code common} and {@code
 * threads} only.
 */
package dev.frontdoor.lifecycle;
