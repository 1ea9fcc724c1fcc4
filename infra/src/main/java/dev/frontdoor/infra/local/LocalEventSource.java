package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.logging.Log;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What one poller of Lambda's SQS event source mapping does, on one thread, for one execution
 * environment (the gateway runs as many as the mapping's maximum concurrency): long-poll the queue,
 * hand a batch to the function as an SQS event, delete the records it did not report in {@code
 * batchItemFailures} (all of them if it threw). Failed records return after their visibility
 * timeout, and the queue's redrive policy moves them to the dead-letter queue after {@code
 * maxReceiveCount} receives.
 */
final class LocalEventSource implements AutoCloseable {
  private static final Log LOG = Log.of(LocalEventSource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final LocalDeployment.LocalQueue queue;
  private final FunctionHost function;
  private final int batchSize;
  private final Thread thread;
  private volatile boolean running = true;

  LocalEventSource(
      SqsClient sqs,
      LocalDeployment.LocalQueue queue,
      FunctionHost function,
      int batchSize,
      int index) {
    this.sqs = sqs;
    this.queue = queue;
    this.function = function;
    this.batchSize = Math.min(10, batchSize);
    this.thread = new Thread(this::run, "event-source-" + queue.name() + "-" + index);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        List<Message> messages =
            sqs.receiveMessage(
                    request ->
                        request
                            .queueUrl(queue.url())
                            .maxNumberOfMessages(batchSize)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
        if (!messages.isEmpty()) {
          deliver(messages);
        }
      } catch (SdkException e) {
        if (running) {
          LOG.warn("local.event_source.poll_failed").field("queue", queue.name()).error(e).write();
          sleep();
        }
      } catch (RuntimeException e) {
        LOG.error("local.event_source.failed").field("queue", queue.name()).error(e).write();
        sleep();
      }
    }
  }

  private void deliver(List<Message> messages) {
    Set<String> failed = new HashSet<>();
    try {
      byte[] response =
          function.invoke(JSON.writeValueAsBytes(SqsEvents.of(messages, queue.arn())));
      JsonNode result = JSON.readTree(response);
      result.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
    } catch (Exception e) {
      LOG.error("local.event_source.function_failed").field("queue", queue.name()).error(e).write();
      return;
    }
    for (Message message : messages) {
      if (!failed.contains(message.messageId())) {
        sqs.deleteMessage(
            request -> request.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
