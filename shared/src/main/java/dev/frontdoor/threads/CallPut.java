package dev.frontdoor.threads;

/** The result of storing a call event: whether the event was new, and the call as it now is. */
public record CallPut(boolean newEvent, CallRecord call) {}
