package dev.frontdoor.threads.port.out;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * The lookups from a customer's business-scoped user id (BSUID) to their number ({@code
 * BSUID#<bsuid>}, docs/data-model.md, 6.2), learnt from webhooks that carry both, so that a later
 * webhook with the BSUID only lands in the same thread.
 */
public interface UserIdStore {

  /** Never finds and never stores: for compositions that do not resolve BSUIDs. */
  UserIdStore NONE =
      new UserIdStore() {
        @Override
        public boolean putUserId(UserId userId, CustomerNumber customer, Instant now) {
          return false;
        }

        @Override
        public Optional<CustomerNumber> findCustomer(UserId userId, Instant now) {
          return Optional.empty();
        }
      };

  /**
   * Records that {@code userId} is {@code customer}'s, kept for the retention from {@code now}.
   * Insert-once: a lookup already pointing at another number is kept (a BSUID belongs to one
   * number; a new number gets a new BSUID); one pointing at this number is only rewritten when a
   * quarter of its life has passed, to keep it as long as the thread it leads to. {@code true} when
   * this call wrote it.
   */
  boolean putUserId(UserId userId, CustomerNumber customer, Instant now);

  /** The number a BSUID was seen with, strongly consistent; empty when unknown or expired. */
  Optional<CustomerNumber> findCustomer(UserId userId, Instant now);
}
