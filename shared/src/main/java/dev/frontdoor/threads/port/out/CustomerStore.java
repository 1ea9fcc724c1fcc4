package dev.frontdoor.threads.port.out;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.ThreadState;
import java.time.Instant;
import java.util.Optional;

/**
 * What Frontdoor keeps about a customer rather than a message: the {@code THREAD}, {@code OPTOUT}
 * and {@code PERM#CALL#} items, and the service windows derived from the inbound messages
 * (docs/data-model.md, 5.1, 5.2, 5.2a and 5.3).
 */
public interface CustomerStore {

  /** Records activity on the thread (created, last activity, business numbers, profile name). */
  void touchThread(
      CustomerNumber customer,
      BusinessNumber business,
      long atMillis,
      String profileName,
      Instant now);

  /**
   * Records an opt-out or opt-in at {@code atMillis}; an older change never overrides a newer one
   * (out-of-order webhooks converge on the latest).
   */
  void recordOptOut(
      CustomerKey customer, boolean optedOut, long atMillis, String source, Instant now);

  /** {@link #recordOptOut(CustomerKey, boolean, long, String, Instant)} for a number's thread. */
  default void recordOptOut(
      CustomerNumber customer, boolean optedOut, long atMillis, String source, Instant now) {
    recordOptOut(CustomerKey.of(customer), optedOut, atMillis, source, now);
  }

  /**
   * The thread's current opt-out state as its latest change set it, strongly consistent; empty when
   * the customer never opted out or in (or it expired). Ingest carries a BSUID thread's state over
   * to the number's thread when it learns the number (docs/data-model.md 6.2).
   */
  Optional<OptOutChange> optOutChange(CustomerKey customer, Instant now);

  /**
   * Records a customer's answer to a request for permission to call, with its business number; an
   * older answer never overrides a newer one (out-of-order replies converge on the latest, by
   * {@link CallPermission#supersedes}).
   */
  void recordCallPermission(CustomerKey customer, CallPermission permission, Instant now);

  /** The service window with this business number, and the opt-out; strongly consistent. */
  ThreadState threadState(CustomerNumber customer, String businessNumberId, Instant now);

  /** An opt-out or opt-in: what, as of when (the customer's time), and from where. */
  record OptOutChange(boolean optedOut, long changedAt, String source) {}
}
