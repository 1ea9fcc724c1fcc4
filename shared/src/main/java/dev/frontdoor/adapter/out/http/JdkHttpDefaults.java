package dev.frontdoor.adapter.out.http;

/**
 * The JDK's {@code HttpURLConnection} settings every outbound client here relies on (the SDK's
 * url-connection client and the Graph API adapter). Both are read once, when the JDK's HTTP classes
 * first need them, so they are set before the first connection; an operator's {@code -D} wins.
 */
public final class JdkHttpDefaults {
  /**
   * Idle keep-alive connections kept per host. The JDK keeps 5, so a sender with 10 calls in flight
   * opened a new connection (a TLS handshake to the Graph API) for half of them, and a burst's
   * requests arrived late and bunched; 64 covers any environment's concurrency here.
   */
  static final String KEPT_CONNECTIONS = "64";

  private JdkHttpDefaults() {}

  public static void apply() {
    // A POST is resent once, unseen by the caller, when reading the answer fails on a reused
    // connection (JDK-6382788, JDK-6427251): a conditional put would run twice, a message would
    // go twice. Off, so every retry is the caller's own.
    setIfAbsent("sun.net.http.retryPost", "false");
    setIfAbsent("http.maxConnections", KEPT_CONNECTIONS);
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
