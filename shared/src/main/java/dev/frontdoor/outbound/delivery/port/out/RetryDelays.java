package dev.frontdoor.outbound.delivery.port.out;

/**
 * When a record that is not done comes back from the queue: a retry's backoff, so throttling backs
 * off instead of spinning. Best effort: the queue's own visibility timeout also works.
 */
public interface RetryDelays {
  void delay(String receipt, int seconds);
}
