package dev.frontdoor.threads;

/** A {@code before}/{@code after} cursor this API did not issue, or not for this thread. */
public final class InvalidCursorException extends IllegalArgumentException {
  public InvalidCursorException(String reason) {
    super(reason);
  }
}
