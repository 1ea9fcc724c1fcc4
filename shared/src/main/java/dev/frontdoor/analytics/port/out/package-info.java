/** What the analytics capability needs of the table. */
package dev.frontdoor.analytics.port.out;
