package dev.frontdoor.lifecycle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The SHA-256 of media bytes against the one Meta gave. Meta's payloads write it as base64 (its
 * published image webhook: {@code "SfInY0gG…0GUI="}) and some tools as hex: both are read; anything
 * that is neither a 32-byte base64 nor a 64-digit hex value matches nothing.
 */
public final class MediaDigest {
  private MediaDigest() {}

  /** Lowercase hex SHA-256 of the bytes. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  /** The declared digest as 32 bytes, when it is hex or base64 of 32 bytes. */
  static Optional<byte[]> parse(String declared) {
    if (declared == null) {
      return Optional.empty();
    }
    String text = declared.trim();
    if (text.matches("[0-9a-fA-F]{64}")) {
      return Optional.of(HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT)));
    }
    try {
      byte[] decoded =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
      return decoded.length == 32 ? Optional.of(decoded) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code declared} (hex or base64) is the SHA-256 of {@code bytes}; constant time. */
  public static boolean matches(String declared, byte[] bytes) {
    return parse(declared).map(d -> MessageDigest.isEqual(d, sha256(bytes))).orElse(false);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
