package dev.frontdoor.outbound.delivery.port.out;

/**
 * The outbound dead-letter queue, written by the sender on a message's last attempt so the message
 * carries the reason it gave up (a redrive policy would move it without one).
 */
public interface DeadLetters {
  void deadLetter(String messageId, String group, String reason, int receives, int attempts);
}
