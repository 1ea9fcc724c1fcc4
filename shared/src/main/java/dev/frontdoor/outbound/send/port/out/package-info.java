/** What dev.frontdoor.outbound.send needs from the outside world; adapters implement it. */
package dev.frontdoor.outbound.send.port.out;
