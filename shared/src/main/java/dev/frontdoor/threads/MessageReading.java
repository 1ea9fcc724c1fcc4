package dev.frontdoor.threads;

import dev.frontdoor.common.Chars;
import dev.frontdoor.threads.port.in.ReadMessage;
import dev.frontdoor.threads.port.out.MessageStore;
import java.time.Clock;

/** Reads a message by Frontdoor's id (a ULID), as of now: an expired message is not found. */
public final class MessageReading implements ReadMessage {
  private static final int ULID_LENGTH = 26;

  private final MessageStore messages;
  private final Clock clock;

  public MessageReading(MessageStore messages, Clock clock) {
    this.messages = messages;
    this.clock = clock;
  }

  @Override
  public MessageAnswer read(String messageId) {
    if (messageId == null || !Chars.visibleAscii(messageId, ULID_LENGTH, ULID_LENGTH)) {
      return MessageAnswer.none(MessageAnswer.Reason.INVALID_ID);
    }
    return messages
        .messageView(messageId, clock.instant())
        .map(MessageAnswer::found)
        .orElseGet(() -> MessageAnswer.none(MessageAnswer.Reason.NOT_FOUND));
  }
}
