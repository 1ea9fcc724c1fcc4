/** Where events go: an EventBridge bus in AWS, the local log and webhook locally. */
package dev.frontdoor.analytics.events.port.out;
