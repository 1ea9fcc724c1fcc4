package dev.frontdoor.config;

import dev.frontdoor.logging.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A configured secret (app secret, token, signing key). Its {@link #toString()} never shows the
 * value, and every secret is registered with {@link Redaction} so that no log line can carry it.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
    Redaction.registerSecret(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The raw value, for signing and comparing only. */
  public String reveal() {
    return value;
  }

  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Constant-time comparison with a candidate value presented by a caller. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(bytes(), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
