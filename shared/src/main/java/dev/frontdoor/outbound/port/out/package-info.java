/** What dev.frontdoor.outbound needs from the outside world; adapters implement it. */
package dev.frontdoor.outbound.port.out;
