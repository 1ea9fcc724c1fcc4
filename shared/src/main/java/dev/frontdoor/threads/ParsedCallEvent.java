package dev.frontdoor.threads;

/**
 * What a provider's event turned out to be: a {@link CallEvent} (a step in a call's life), or a
 * well-formed event that is {@link NotACallState} (a machine-detection result, a recording, a chat
 * contact) and so changes no call.
 */
public sealed interface ParsedCallEvent permits CallEvent, NotACallState {}
