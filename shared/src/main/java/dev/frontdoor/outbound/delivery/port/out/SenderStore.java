package dev.frontdoor.outbound.delivery.port.out;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.outbound.QueuedMessage;
import dev.frontdoor.threads.MessageRef;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The sender's reads and writes of an outbound message (docs/data-model.md, 9.4). */
public interface SenderStore {

  Optional<QueuedMessage> load(String messageId, Instant now);

  /**
   * Takes the message for one send attempt ({@code sending}, attempts + 1, a lease): refused while
   * another attempt holds a live lease, or once the message was accepted or failed.
   */
  boolean claim(MessageRef ref, Instant now, long leaseMillis);

  /** Gives the lease back after an attempt that certainly did not reach Meta. */
  void release(MessageRef ref);

  /** The Graph API accepted it: the wamid, written once; presence means never send again. */
  void recordAccepted(MessageRef ref, String wamid, Instant now);

  /** Failed for good, with Meta's error; never retried. */
  void recordFailed(MessageRef ref, int code, String title, Instant now);

  /**
   * Whether the customer has opted out of business-initiated messages now (docs/data-model.md,
   * 5.2): read for each template at send time, since a STOP can arrive while one waits in the
   * queue, a backoff or the dead-letter queue.
   */
  boolean optedOut(CustomerNumber customer, Instant now);

  /**
   * Not sent for good, by Frontdoor's own decision ({@code failed} with an error whose source is
   * {@code frontdoor} and whose reason says why); never over a wamid or a later state.
   */
  void recordNotSent(MessageRef ref, String reason, String title, Instant now);

  /** The request may have reached Meta but no answer came: the outcome is unknown. */
  void recordUnknown(MessageRef ref, Instant now);

  /** Given up on after the last attempt, with the reason; a redrive may still send it. */
  void recordDeadLettered(MessageRef ref, String reason, Instant now);

  /**
   * Pair pacing, first step: sets the customer's pace to {@code nextTat} if it is unset or not
   * after {@code nowMillis}; empty when set, else the pace found.
   */
  OptionalLong startPace(MessageRef ref, String businessNumberId, long nowMillis, long nextTat);

  /** Pair pacing, second step: moves the pace from {@code oldTat} on, if nobody moved it since. */
  boolean advancePace(MessageRef ref, String businessNumberId, long oldTat, long newTat);
}
