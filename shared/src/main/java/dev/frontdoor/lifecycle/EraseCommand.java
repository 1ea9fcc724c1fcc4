package dev.frontdoor.lifecycle;

/**
 * A request to erase one customer: who asks (the API client's stable id, for the log) and the
 * customer as the path names them: their number in any spelling, or their business-scoped user id
 * ({@code ZA.1502576394655843}, with or without a leading {@code ~}).
 */
public record EraseCommand(String apiClient, String customer) {}
