package dev.frontdoor.inbound;

import dev.frontdoor.config.Secret;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body with
 * the app secret. Checked on the bytes as received, before any parsing; every configured secret is
 * tried (rotation), each comparison in constant time.
 */
public final class WebhookSignature {
  public enum Result {
    VALID,
    MISSING,
    INVALID
  }

  private static final String PREFIX = "sha256=";
  private static final Pattern FORMAT = Pattern.compile("sha256=[0-9a-f]{64}");

  private final List<SecretKeySpec> keys;

  public WebhookSignature(List<Secret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one app secret is needed");
    }
    this.keys = secrets.stream().map(s -> new SecretKeySpec(s.bytes(), "HmacSHA256")).toList();
  }

  public Result check(byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return Result.MISSING;
    }
    String value = header.trim();
    // Meta sends exactly "sha256=" and lowercase hex; anything else is not its signature, so a
    // changed bit anywhere in the header (even one that only changes a letter's case) is refused.
    if (!FORMAT.matcher(value).matches()) {
      return Result.INVALID;
    }
    byte[] presented = HexFormat.of().parseHex(value, PREFIX.length(), value.length());
    boolean matched = false;
    for (SecretKeySpec key : keys) {
      matched |= MessageDigest.isEqual(hmac(key, body), presented);
    }
    return matched ? Result.VALID : Result.INVALID;
  }

  /** The header value Meta would send for {@code body} signed with {@code secret}. */
  public static String sign(byte[] body, Secret secret) {
    return PREFIX
        + HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.bytes(), "HmacSHA256"), body));
  }

  /** Mac.getInstance looks up a provider every time; one instance per thread is kept instead. */
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
          });

  static byte[] hmac(SecretKeySpec key, byte[] body) {
    try {
      Mac mac = MAC.get();
      mac.init(key);
      return mac.doFinal(body);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the app secret cannot key HmacSHA256", e);
    }
  }
}
