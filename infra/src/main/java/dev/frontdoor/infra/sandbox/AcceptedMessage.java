package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One message the sandbox accepted (answered 200).
 *
 * @param to the recipient as the request spelled it
 * @param waId its digits, as Meta answers them
 * @param body the request body, for assertions
 */
public record AcceptedMessage(
    String wamid,
    String phoneNumberId,
    String to,
    String waId,
    String type,
    String bizOpaqueCallbackData,
    Instant acceptedAt,
    JsonNode body) {}
