package dev.frontdoor.voice;

/**
 * A call event that cannot be read (a 4xx, never a 5xx): the message names the field and what is
 * wrong with it, and never repeats a phone number or the body.
 */
public final class MalformedCallEventException extends RuntimeException {
  public MalformedCallEventException(String reason) {
    super(reason);
  }
}
