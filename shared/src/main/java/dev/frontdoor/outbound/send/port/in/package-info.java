/** Use cases of dev.frontdoor.outbound.send that handlers call. */
package dev.frontdoor.outbound.send.port.in;
