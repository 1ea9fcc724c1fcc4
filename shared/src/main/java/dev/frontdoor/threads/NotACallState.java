package dev.frontdoor.threads;

/**
 * A valid provider event that says nothing about a call's state (Vonage {@code human}/{@code
 * machine}, {@code record}, {@code input}, {@code transfer}; an Amazon Connect chat or task
 * contact). The caller acknowledges it and stores no call event. {@code providerCallId} and {@code
 * providerStatus} may be null when the event carries none; {@code reason} names what it is.
 */
public record NotACallState(
    CallProvider provider, String providerCallId, String providerStatus, String reason)
    implements ParsedCallEvent {}
