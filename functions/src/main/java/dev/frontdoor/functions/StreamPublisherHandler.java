package dev.frontdoor.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.adapter.in.stream.DynamoDbStreamRecords;
import dev.frontdoor.analytics.events.PublishOutcome;
import dev.frontdoor.analytics.events.StoredChange;
import dev.frontdoor.analytics.events.port.in.PublishStoredChanges;
import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The table's stream (NEW_AND_OLD_IMAGES) to the integration event bus (docs/events.md): decodes a
 * batch of records, publishes their events in one use case call, and answers with {@code
 * ReportBatchItemFailures}: the first record whose event was not accepted (the stream resumes
 * there, so order per item holds), or the whole batch when EventBridge could not be reached.
 */
public final class StreamPublisherHandler implements RequestStreamHandler {
  private static final Log LOG = Log.of(StreamPublisherHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PublishStoredChanges publish;

  public StreamPublisherHandler() {
    this(Environment.system());
  }

  public StreamPublisherHandler(Environment env) {
    this(new Composition(env).publishStoredChanges());
  }

  public StreamPublisherHandler(PublishStoredChanges publish) {
    this.publish = publish;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    List<DynamoDbStreamRecords.Record> records = DynamoDbStreamRecords.of(JSON.readTree(input));
    List<StoredChange> changes =
        records.stream().map(DynamoDbStreamRecords.Record::change).toList();
    ObjectNode answer = JSON.createObjectNode();
    var failures = answer.putArray("batchItemFailures");
    if (!records.isEmpty()) {
      try {
        PublishOutcome outcome = publish.publish(changes);
        outcome
            .firstFailed()
            .ifPresent(
                at -> failures.addObject().put("itemIdentifier", records.get(at).sequenceNumber()));
      } catch (StoreUnavailableException e) {
        LOG.warn("events.publish.unavailable").error(e).write();
        failures.addObject().put("itemIdentifier", records.get(0).sequenceNumber());
      }
    }
    output.write(JSON.writeValueAsBytes(answer));
  }
}
