package dev.frontdoor.common;

/**
 * The store could not take or give data (throttled, unreachable, failed). Webhooks answer 5xx on it
 * so the provider retries; nothing was acknowledged.
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
