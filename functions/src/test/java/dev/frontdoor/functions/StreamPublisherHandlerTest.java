package dev.frontdoor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.analytics.events.StoredChangePublishing;
import dev.frontdoor.analytics.events.StoredEventMapping;
import dev.frontdoor.analytics.events.port.out.EventPublisher;
import dev.frontdoor.common.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stream handler's answer to Lambda: which record the stream resumes from. */
class StreamPublisherHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String EVENT =
      """
      {"Records": [
        {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "100", "NewImage": {
          "entity": {"S": "message"}, "direction": {"S": "in"}, "sk": {"S": "EV#1#MSG#wamid.A"},
          "wamid": {"S": "wamid.A"}, "at": {"N": "1749416383000"}}}},
        {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "200", "OldImage": {
          "entity": {"S": "lookup"}}}},
        {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "300", "NewImage": {
          "entity": {"S": "message"}, "direction": {"S": "in"}, "sk": {"S": "EV#2#MSG#wamid.B"},
          "wamid": {"S": "wamid.B"}, "at": {"N": "1749416384000"}}}}
      ]}
      """;

  @Test
  void allAccepted_reportsNoFailure() throws Exception {
    List<String> types = new ArrayList<>();
    JsonNode answer =
        run(
            events -> {
              events.forEach(event -> types.add(event.type()));
              return Set.of();
            });

    assertThat(types).containsExactly("message.received", "message.received");
    assertThat(answer.path("batchItemFailures")).isEmpty();
  }

  @Test
  void aRefusedEvent_resumesTheStreamAtItsRecord() throws Exception {
    JsonNode answer = run(events -> Set.of(events.get(1).id()));

    assertThat(answer.path("batchItemFailures")).hasSize(1);
    assertThat(answer.path("batchItemFailures").path(0).path("itemIdentifier").asText())
        .isEqualTo("300");
  }

  @Test
  void eventBridgeUnreachable_retriesTheWholeBatch() throws Exception {
    JsonNode answer =
        run(
            events -> {
              throw new StoreUnavailableException("down", null);
            });

    assertThat(answer.path("batchItemFailures").path(0).path("itemIdentifier").asText())
        .isEqualTo("100");
  }

  private static JsonNode run(EventPublisher publisher) throws Exception {
    StreamPublisherHandler handler =
        new StreamPublisherHandler(
            new StoredChangePublishing(new StoredEventMapping(false), publisher));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }
}
