/** What dev.frontdoor.outbound.delivery needs from the outside world; adapters implement it. */
package dev.frontdoor.outbound.delivery.port.out;
