package dev.frontdoor.common;

/** A business-scoped user id that cannot be read. The message never repeats the id. */
public final class InvalidUserIdException extends IllegalArgumentException {
  public InvalidUserIdException(String reason) {
    super(reason);
  }
}
