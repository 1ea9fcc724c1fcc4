package dev.frontdoor.adapter.in.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.out.sqs.MediaArchiveQueueBody;
import dev.frontdoor.lifecycle.ArchiveMediaCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SQS event of the media-archive queue as archive commands (with each record's receive count as
 * its attempt), and the records to deliver again as the event source's {@code batchItemFailures}.
 */
public final class MediaArchiveQueueEvent {
  private MediaArchiveQueueEvent() {}

  /** One record: its id, and its command (empty for a body that is no job). */
  public record Job(String messageId, Optional<ArchiveMediaCommand> command) {}

  public static List<Job> decode(JsonNode event) {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      int attempt = record.path("attributes").path("ApproximateReceiveCount").asInt(1);
      jobs.add(
          new Job(
              record.path("messageId").asText(),
              MediaArchiveQueueBody.read(record.path("body").asText(""))
                  .map(a -> new ArchiveMediaCommand(a.thread(), a.sortKey(), attempt))));
    }
    return jobs;
  }

  public static ObjectNode batchItemFailures(Collection<String> retryIds) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    retryIds.forEach(id -> failures.addObject().put("itemIdentifier", id));
    return response;
  }
}
