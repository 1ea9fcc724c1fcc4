package dev.frontdoor.adapter.out.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.common.CustomerKey;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of a media-archive job, written and read only here: {@code {"thread": "<customer key>",
 * "sk": "<the message's sort key>"}}, the message item's address. Inbound messages have no lookup
 * by wamid, so the address itself travels; it holds the customer's number (or BSUID), and the queue
 * keeps it at most a day (template: {@code MessageRetentionPeriod}), encrypted (SQS-managed SSE).
 * The job reads everything else from the item, so an erased message is simply not found.
 */
public final class MediaArchiveQueueBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MediaArchiveQueueBody() {}

  public static String write(CustomerKey thread, String sortKey) {
    return JSON.createObjectNode().put("thread", thread.value()).put("sk", sortKey).toString();
  }

  /**
   * The address, or empty for a body that is not one (it is dropped, and logged, by the caller).
   */
  public static Optional<Address> read(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node == null || !node.path("thread").isTextual() || !node.path("sk").isTextual()) {
        return Optional.empty();
      }
      String sk = node.get("sk").asText();
      if (!sk.startsWith("EV#") || sk.length() > 1024) {
        return Optional.empty();
      }
      return Optional.of(new Address(new CustomerKey(node.get("thread").asText()), sk));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Where the media message's item is. */
  public record Address(CustomerKey thread, String sortKey) {}
}
