package dev.frontdoor.common;

/**
 * The store refused a write because of what it holds (an item or key over DynamoDB's limits): a
 * retry cannot succeed, so the caller answers 4xx naming the reason rather than 5xx.
 */
public final class StoreRejectedException extends RuntimeException {
  public StoreRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
