/** Use cases of dev.frontdoor.threads that handlers call. */
package dev.frontdoor.threads.port.in;
