/** What the lifecycle capability needs of the table. */
package dev.frontdoor.lifecycle.port.out;
