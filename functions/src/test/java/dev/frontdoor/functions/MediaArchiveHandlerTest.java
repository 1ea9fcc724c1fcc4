package dev.frontdoor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.out.sqs.MediaArchiveQueueBody;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.lifecycle.ArchiveMediaCommand;
import dev.frontdoor.lifecycle.MediaArchiveOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The media-archive handler on a real SQS event: what it asks the queue to deliver again. */
class MediaArchiveHandlerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final CustomerKey THREAD = CustomerKey.of(new CustomerNumber("+27845550311"));

  @Test
  void retriesAndFailuresOfTheUseCase_areBatchItemFailures_finalOutcomesAndJunkAreNot()
      throws Exception {
    List<ArchiveMediaCommand> seen = new ArrayList<>();
    MediaArchiveHandler handler =
        new MediaArchiveHandler(
            command -> {
              seen.add(command);
              return switch (command.sortKey()) {
                case "EV#1#MSG#retry" ->
                    new MediaArchiveOutcome(
                        MediaArchiveOutcome.Result.RETRY, "timed out", Optional.empty());
                case "EV#1#MSG#throws" -> throw new IllegalStateException("table down");
                default ->
                    new MediaArchiveOutcome(
                        MediaArchiveOutcome.Result.FAILED, "sha256 mismatch", Optional.empty());
              };
            });
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    record(records, "m-1", MediaArchiveQueueBody.write(THREAD, "EV#1#MSG#retry"), 2);
    record(records, "m-2", MediaArchiveQueueBody.write(THREAD, "EV#1#MSG#throws"), 1);
    record(records, "m-3", MediaArchiveQueueBody.write(THREAD, "EV#1#MSG#failed"), 1);
    record(records, "m-4", "{\"thread\":\"not a number\",\"sk\":\"EV#1\"}", 1);
    record(records, "m-5", "not json", 1);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);

    JsonNode answer = JSON.readTree(out.toByteArray());
    List<String> failures = new ArrayList<>();
    answer.path("batchItemFailures").forEach(f -> failures.add(f.path("itemIdentifier").asText()));
    assertThat(failures).containsExactly("m-1", "m-2");
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0).attempt()).isEqualTo(2);
    assertThat(seen.get(0).thread()).isEqualTo(THREAD);
  }

  static void record(ArrayNode records, String id, String body, int receiveCount) {
    ObjectNode record = records.addObject();
    record.put("messageId", id);
    record.put("receiptHandle", "rh-" + id);
    record.put("body", body);
    record.putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receiveCount));
    record.put("eventSource", "aws:sqs");
  }
}
