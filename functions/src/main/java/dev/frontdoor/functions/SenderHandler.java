package dev.frontdoor.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.frontdoor.adapter.in.sqs.OutboundQueueEvent;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.outbound.delivery.port.in.DeliverOutboundBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Drains the outbound FIFO queue (SQS event source, {@code ReportBatchItemFailures}): decodes the
 * batch, hands it to the sender's batch policy ({@link DeliverOutboundBatch}), answers with the
 * records that are not done.
 */
public final class SenderHandler implements RequestStreamHandler, AutoCloseable {
  private final DeliverOutboundBatch delivery;
  private final Runnable onClose;

  public SenderHandler() {
    this(Environment.system());
  }

  public SenderHandler(Environment env) {
    this(new Composition(env), Composition.senderGroupLanes());
  }

  private SenderHandler(Composition root, ExecutorService groupLanes) {
    this(root.deliverOutboundBatch(groupLanes), groupLanes::shutdownNow);
  }

  /** {@code onClose} releases what the use case holds (its group threads). */
  public SenderHandler(DeliverOutboundBatch delivery, Runnable onClose) {
    this.delivery = delivery;
    this.onClose = onClose;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Duration timeLeft = Duration.ofMillis(context.getRemainingTimeInMillis());
    var outcome = delivery.deliver(OutboundQueueEvent.decode(JsonTrees.read(input), timeLeft));
    JsonTrees.write(OutboundQueueEvent.batchItemFailures(outcome), output);
  }

  /** Stops the group threads; the local runtime calls it when it shuts an environment down. */
  @Override
  public void close() {
    onClose.run();
  }
}
