/** What the analytics capability offers its callers. */
package dev.frontdoor.analytics.port.in;
