package dev.frontdoor.adapter.out.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdkHttpDefaultsTest {

  @Test
  void apply_setsNoPostResendAndKeepAlivePool_butAnOperatorsValueWins() {
    String resend = System.getProperty("sun.net.http.retryPost");
    String kept = System.getProperty("http.maxConnections");
    try {
      System.clearProperty("sun.net.http.retryPost");
      System.setProperty("http.maxConnections", "7");

      JdkHttpDefaults.apply();

      assertThat(System.getProperty("sun.net.http.retryPost")).isEqualTo("false");
      assertThat(System.getProperty("http.maxConnections")).isEqualTo("7");
      System.clearProperty("http.maxConnections");
      JdkHttpDefaults.apply();
      assertThat(System.getProperty("http.maxConnections"))
          .isEqualTo(JdkHttpDefaults.KEPT_CONNECTIONS);
    } finally {
      restore("sun.net.http.retryPost", resend);
      restore("http.maxConnections", kept);
    }
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
