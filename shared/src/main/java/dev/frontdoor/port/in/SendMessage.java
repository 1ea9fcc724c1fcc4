package dev.frontdoor.port.in;

import dev.frontdoor.domain.outbound.SendOutcome;
import dev.frontdoor.domain.outbound.SendRequest;
import java.util.Optional;

/** {@code POST /v1/messages}: validate, enforce window and opt-out, record, queue. */
public interface SendMessage {
  SendOutcome send(String apiClient, Optional<String> idempotencyKey, SendRequest request);
}
