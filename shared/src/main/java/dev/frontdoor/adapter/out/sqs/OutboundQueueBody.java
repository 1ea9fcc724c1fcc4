package dev.frontdoor.adapter.out.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.json.JsonTrees;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of every outbound queue message, dead letters included, in both directions: the message
 * id only, so phone numbers and message bodies stay in the table, out of the queue and its
 * dead-letter queue. The send API and the sender write it; the sender reads it.
 */
public final class OutboundQueueBody {
  private static final int MESSAGE_ID_LENGTH = 26;

  private OutboundQueueBody() {}

  public static String write(String messageId) {
    return "{\"message_id\":\"" + messageId + "\"}";
  }

  /** The message id, or empty when the body is not one of ours. */
  public static Optional<String> read(String body) {
    try {
      String id = JsonTrees.read(body).path("message_id").asText("");
      return id.length() == MESSAGE_ID_LENGTH ? Optional.of(id) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** As {@link #read(String)}, for a body not known to be text. */
  public static Optional<String> read(JsonNode body) {
    return body.isTextual() ? read(body.asText()) : Optional.empty();
  }
}
