/** Use cases of dev.frontdoor.outbound.delivery that handlers call. */
package dev.frontdoor.outbound.delivery.port.in;
