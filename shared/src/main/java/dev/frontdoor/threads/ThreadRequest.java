package dev.frontdoor.threads;

/**
 * A thread page as the caller asked for it: the customer's number in any spelling, at most one of
 * the {@code before}/{@code after} cursors from an earlier page, and a limit; each may be absent
 * ({@code null}). The use case validates it into a {@link ThreadQuery}.
 */
public record ThreadRequest(String phone, String before, String after, String limit) {}
