/** Publishing integration events on an EventBridge bus. */
package dev.frontdoor.adapter.out.events;
