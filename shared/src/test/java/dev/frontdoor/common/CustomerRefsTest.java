package dev.frontdoor.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.config.Secret;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The pseudonym is HMAC-SHA256 of the E.164 number, the same on every call and thread. */
class CustomerRefsTest {
  private static final String KEY = "test-customer-ref-key-0123456789";

  @Test
  void ref_isTheHmacOfTheNumber_onEveryCallAndThread() throws Exception {
    CustomerRefs refs = new CustomerRefs(Secret.of(KEY));
    CustomerNumber number = CustomerNumber.parse("+27821234567", "ZA");
    String expected = hmacHex("+27821234567");

    assertThat(refs.of(number)).isEqualTo(expected);
    assertThat(refs.of(number)).isEqualTo(expected);
    assertThat(refs.of(CustomerKey.of(number))).isEqualTo(expected);
    assertThat(refs.of(CustomerNumber.parse("+27821234568", "ZA")))
        .isEqualTo(hmacHex("+27821234568"))
        .isNotEqualTo(expected);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
      List<Future<?>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> seen.put(refs.of(number), true)));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      assertThat(seen.keySet()).containsExactly(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String hmacHex(String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of()
        .formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
