package dev.frontdoor.outbound.delivery;

import dev.frontdoor.common.StoreUnavailableException;
import dev.frontdoor.logging.Log;
import dev.frontdoor.outbound.delivery.RecordFailure.Reason;
import dev.frontdoor.outbound.delivery.port.in.DeliverOutboundBatch;
import dev.frontdoor.outbound.delivery.port.out.RetryDelays;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The sender's FIFO batch policy. Each customer's records (one message group) are handled in order,
 * different customers side by side; once a record of a group is not done, it and that group's later
 * records fail with its delay (each customer's messages keep their order), other groups go on. A
 * retry's delay is set on the record through {@link RetryDelays}, so throttling backs off instead
 * of spinning.
 */
public final class OutboundBatchDelivery implements DeliverOutboundBatch {
  private static final Log LOG = Log.of(OutboundBatchDelivery.class);

  /** Records not started in time come back this soon. */
  static final int OUT_OF_TIME_DELAY_SECONDS = 1;

  static final int UNREADABLE_DELAY_SECONDS = 60;
  static final int STORE_UNAVAILABLE_DELAY_SECONDS = 5;
  static final int UNEXPECTED_ERROR_DELAY_SECONDS = 10;

  /** After the Graph API call: a pacing sleep, a turn at the limiter and the table writes. */
  private static final long AFTER_CALL_MARGIN_MILLIS = 5_000;

  private final QueuedMessageSender sender;
  private final RetryDelays retryDelays;
  private final Executor groupLanes;
  private final Clock clock;
  private final long lastStartMarginMillis;

  /**
   * @param groupLanes runs the groups of a batch side by side (a batch holds at most 10 records)
   * @param graphTimeoutMillis how long one Graph API call may take
   */
  public OutboundBatchDelivery(
      QueuedMessageSender sender,
      RetryDelays retryDelays,
      Executor groupLanes,
      Clock clock,
      long graphTimeoutMillis) {
    this.sender = sender;
    this.retryDelays = retryDelays;
    this.groupLanes = groupLanes;
    this.clock = clock;
    this.lastStartMarginMillis = graphTimeoutMillis + AFTER_CALL_MARGIN_MILLIS;
  }

  @Override
  public BatchOutcome deliver(OutboundBatch batch) {
    // Order matters within a customer's group only, so the Graph API's answer time for one
    // customer does not hold the others.
    Map<String, List<QueuedRecord>> groups = new LinkedHashMap<>();
    for (QueuedRecord record : batch.records()) {
      groups.computeIfAbsent(record.group(), g -> new ArrayList<>()).add(record);
    }
    // Records not started by then are retried soon: one started later could outlive the function.
    long startBy = clock.millis() + batch.timeLeft().toMillis() - lastStartMarginMillis;
    List<RecordFailure> failures = new ArrayList<>();
    if (groups.size() <= 1) {
      groups.values().forEach(records -> failures.addAll(deliverInOrder(records, startBy)));
      return new BatchOutcome(failures);
    }
    List<CompletableFuture<List<RecordFailure>>> lanes = new ArrayList<>();
    for (List<QueuedRecord> records : groups.values()) {
      lanes.add(CompletableFuture.supplyAsync(() -> deliverInOrder(records, startBy), groupLanes));
    }
    // Every group is waited for: none may still be sending when the answer goes.
    try {
      CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw new IllegalStateException("a customer's records failed unexpectedly", e.getCause());
    }
    lanes.forEach(lane -> failures.addAll(lane.join()));
    return new BatchOutcome(failures);
  }

  /** One customer's records, in order; once one is not done, the group's later ones wait too. */
  private List<RecordFailure> deliverInOrder(List<QueuedRecord> records, long startBy) {
    List<RecordFailure> failures = new ArrayList<>();
    RecordFailure holding = null;
    for (QueuedRecord record : records) {
      if (holding == null && clock.millis() > startBy) {
        holding =
            new RecordFailure(record.recordId(), Reason.OUT_OF_TIME, OUT_OF_TIME_DELAY_SECONDS);
        retryDelays.delay(record.receipt(), holding.retryAfterSeconds());
        failures.add(holding);
      } else if (holding != null) {
        RecordFailure behind =
            new RecordFailure(
                record.recordId(), Reason.BEHIND_GROUP_FAILURE, holding.retryAfterSeconds());
        retryDelays.delay(record.receipt(), behind.retryAfterSeconds());
        failures.add(behind);
      } else {
        holding = deliverOne(record);
        if (holding != null) {
          failures.add(holding);
        }
      }
    }
    return failures;
  }

  /** Null when the record is finished with (sent, failed for good, gone); else its failure. */
  private RecordFailure deliverOne(QueuedRecord record) {
    if (record.messageId().isEmpty()) {
      LOG.error("sender.unreadable_record").field("sqs_message_id", record.recordId()).write();
      return new RecordFailure(record.recordId(), Reason.UNREADABLE, UNREADABLE_DELAY_SECONDS);
    }
    String messageId = record.messageId().get();
    try {
      Delivery delivery = sender.deliver(messageId, record.group(), record.receiveCount());
      if (delivery.done()) {
        return null;
      }
      retryDelays.delay(record.receipt(), delivery.retryAfterSeconds());
      return new RecordFailure(record.recordId(), Reason.NOT_DONE, delivery.retryAfterSeconds());
    } catch (StoreUnavailableException e) {
      LOG.error("sender.store_unavailable").field("message_id", messageId).error(e).write();
      return new RecordFailure(
          record.recordId(), Reason.STORE_UNAVAILABLE, STORE_UNAVAILABLE_DELAY_SECONDS);
    } catch (RuntimeException e) {
      // Contained to this customer's group: other groups of the batch go on and are reported.
      LOG.error("sender.record_failed").field("message_id", messageId).error(e).write();
      return new RecordFailure(
          record.recordId(), Reason.UNEXPECTED_ERROR, UNEXPECTED_ERROR_DELAY_SECONDS);
    }
  }
}
