package dev.frontdoor.outbound.send.port.in;

import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.SendRequest;
import java.util.Optional;

/** {@code POST /v1/messages}: validate, enforce window and opt-out, record, queue. */
public interface SendMessage {
  SendOutcome send(String apiClient, Optional<String> idempotencyKey, SendRequest request);
}
