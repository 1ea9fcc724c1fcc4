/** What callers of the lifecycle capability use. */
package dev.frontdoor.lifecycle.port.in;
