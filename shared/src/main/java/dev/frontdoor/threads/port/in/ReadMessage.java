package dev.frontdoor.threads.port.in;

import dev.frontdoor.threads.MessageAnswer;

/** {@code GET /v1/messages/{id}}: one message's public fields and delivery status. */
public interface ReadMessage {
  MessageAnswer read(String messageId);
}
