package dev.frontdoor.infra.bench;

/**
 * The floor of {@link ColdStartBench}: a JVM that prints hello, with the same flags and classpath.
 */
public final class ColdStartHello {
  private ColdStartHello() {}

  public static void main(String[] args) {
    System.out.println("COLDSTART hello_ms=" + System.currentTimeMillis());
    System.out.println("COLDSTART cpu_ms=" + ColdStartLauncher.cpuMillis());
  }
}
