/** Use cases: publish what the table stored. */
package dev.frontdoor.analytics.events.port.in;
