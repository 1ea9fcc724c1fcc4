package dev.frontdoor.voice;

/**
 * {@code POST /v1/calls/{callId}/wrap-up} or {@code .../summary} as the client made it: who asked,
 * the call as written in the path, and the JSON body as received.
 */
public record WrapUpCommand(String apiClient, String callRef, byte[] body) {}
