package dev.frontdoor.common;

import dev.frontdoor.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer's pseudonym for analytics and erasure tombstones: HMAC-SHA256 of the E.164 number
 * under a per-deployment key ({@code CUSTOMER_REF_KEY}), so exports never need the number itself.
 */
public final class CustomerRefs {
  private final SecretKeySpec key;

  /**
   * One keyed Mac per thread: {@code Mac.getInstance} looks up a provider and {@code init} expands
   * the key on every call otherwise, and {@code doFinal} leaves the Mac keyed for the next one.
   */
  private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::keyedMac);

  public CustomerRefs(Secret key) {
    this.key = new SecretKeySpec(key.bytes(), "HmacSHA256");
  }

  public String of(CustomerNumber customer) {
    return of(customer.e164());
  }

  /**
   * The same pseudonym for a thread key: a number's key is the number, so both forms agree; a
   * BSUID-keyed thread ({@code ~<bsuid>}) gets its own.
   */
  public String of(CustomerKey customer) {
    return of(customer.value());
  }

  private String of(String text) {
    return HexFormat.of().formatHex(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac keyedMac() {
    try {
      Mac keyed = Mac.getInstance("HmacSHA256");
      keyed.init(key);
      return keyed;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
