package dev.frontdoor.outbound.send;

/** A send request that cannot be sent as it is; the message names the field (400). */
public final class InvalidSendRequestException extends RuntimeException {
  public InvalidSendRequestException(String message) {
    super(message);
  }
}
