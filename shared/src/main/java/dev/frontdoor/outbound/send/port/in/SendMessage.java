package dev.frontdoor.outbound.send.port.in;

import dev.frontdoor.outbound.send.SendCommand;
import dev.frontdoor.outbound.send.SendOutcome;

/** {@code POST /v1/messages}: validate, enforce window and opt-out, record, queue. */
public interface SendMessage {
  SendOutcome send(SendCommand command);
}
