/** Use cases of dev.frontdoor.inbound that handlers call. */
package dev.frontdoor.inbound.port.in;
