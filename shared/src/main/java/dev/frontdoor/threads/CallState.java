package dev.frontdoor.threads;

import java.util.Locale;
import java.util.Optional;

/**
 * A call's progress in one vocabulary for every provider. Each parser maps its provider's status
 * words onto these (see each parser's table); the word as received is kept beside it.
 */
public enum CallState {
  /** Created or dialling: nobody is alerted yet. */
  INITIATED(false),
  /** The called side is alerted (or the call waits for an agent). */
  RINGING(false),
  /** Media is connected: a person, machine or flow picked up. */
  ANSWERED(false),
  /** Ended after it was answered. */
  COMPLETED(true),
  BUSY(true),
  /** Could not be placed or connected (bad number, carrier or provider error). */
  FAILED(true),
  /** Rang out, or timed out, without being picked up. */
  NO_ANSWER(true),
  /** Declined by the called side or refused by the network. */
  REJECTED(true),
  /** Hung up by the calling side before it was answered. */
  CANCELLED(true);

  private final boolean ends;

  CallState(boolean ends) {
    this.ends = ends;
  }

  /** Whether the call is over once it reaches this state (the CALL item's {@code ended_at}). */
  public boolean endsCall() {
    return ends;
  }

  /** The stored spelling: {@code no_answer}, {@code completed}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state whose {@link #wireName()} is {@code name}, in any letter case. */
  public static Optional<CallState> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (CallState state : values()) {
      if (state.wireName().equalsIgnoreCase(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
