package dev.frontdoor.inbound;

/** The body is not a Cloud API webhook at all (4xx); the message says what is wrong with it. */
public final class MalformedWebhookException extends RuntimeException {
  public MalformedWebhookException(String reason) {
    super(reason);
  }
}
