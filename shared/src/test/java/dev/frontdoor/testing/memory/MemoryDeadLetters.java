package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.delivery.port.out.DeadLetters;
import java.util.ArrayList;
import java.util.List;

/** {@link DeadLetters} in memory: what was dead-lettered, in order. */
public final class MemoryDeadLetters implements DeadLetters {
  /** One dead letter: the body's message id and the attributes the queue carries. */
  public record DeadLetter(
      String messageId, String group, String reason, int receives, int attempts) {}

  private final List<DeadLetter> letters = new ArrayList<>();

  @Override
  public synchronized void deadLetter(
      String messageId, String group, String reason, int receives, int attempts) {
    letters.add(new DeadLetter(messageId, group, reason, receives, attempts));
  }

  public synchronized List<DeadLetter> letters() {
    return List.copyOf(letters);
  }
}
