package dev.frontdoor.common;

/** A phone number that cannot be read. The message never repeats the number. */
public final class InvalidPhoneNumberException extends IllegalArgumentException {
  public InvalidPhoneNumberException(String reason) {
    super(reason);
  }
}
