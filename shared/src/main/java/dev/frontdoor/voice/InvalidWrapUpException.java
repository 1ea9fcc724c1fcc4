package dev.frontdoor.voice;

/** A wrap-up the API cannot accept; the message names the field. */
public final class InvalidWrapUpException extends IllegalArgumentException {
  public InvalidWrapUpException(String reason) {
    super(reason);
  }
}
