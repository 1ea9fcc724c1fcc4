package dev.frontdoor.adapter.in.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.adapter.out.sqs.OutboundQueueBody;
import dev.frontdoor.outbound.delivery.BatchOutcome;
import dev.frontdoor.outbound.delivery.OutboundBatch;
import dev.frontdoor.outbound.delivery.QueuedRecord;
import dev.frontdoor.outbound.delivery.RecordFailure;
import dev.frontdoor.outbound.delivery.RecordFailure.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundQueueEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MESSAGE_ID = "01JBX5Q8ZK3V7N2M4P6R8T0WA1";

  @Test
  void decode_sqsEvent_givesTheRecordsInOrderWithTheirGroupAndReceiveCount() throws IOException {
    JsonNode event =
        JSON.readTree(
            """
            {"Records": [
              {"messageId": "m-1", "receiptHandle": "r-1", "body": %s,
               "attributes": {"MessageGroupId": "g-1", "ApproximateReceiveCount": "3"}},
              {"messageId": "m-2", "receiptHandle": "r-2", "body": "not ours",
               "attributes": {"MessageGroupId": "g-2"}}
            ]}
            """
                .formatted(JSON.writeValueAsString(OutboundQueueBody.write(MESSAGE_ID))));

    OutboundBatch batch = OutboundQueueEvent.decode(event, Duration.ofSeconds(30));

    assertThat(batch.records())
        .containsExactly(
            new QueuedRecord("m-1", "r-1", Optional.of(MESSAGE_ID), "g-1", 3),
            new QueuedRecord("m-2", "r-2", Optional.empty(), "g-2", 1));
    assertThat(batch.timeLeft()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void batchItemFailures_outcome_namesEachFailedRecord() {
    BatchOutcome outcome =
        new BatchOutcome(
            List.of(
                new RecordFailure("m-1", Reason.NOT_DONE, 2),
                new RecordFailure("m-2", Reason.BEHIND_GROUP_FAILURE, 2)));

    assertThat(OutboundQueueEvent.batchItemFailures(outcome).toString())
        .isEqualTo(
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"},{\"itemIdentifier\":\"m-2\"}]}");
  }

  @Test
  void batchItemFailures_nothingFailed_isAnEmptyList() {
    assertThat(OutboundQueueEvent.batchItemFailures(new BatchOutcome(List.of())).toString())
        .isEqualTo("{\"batchItemFailures\":[]}");
  }
}
