package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Lambda package stays within its size budget: every function loads from it, and a bigger jar
 * is more to download and unzip on a cold start. A dependency that would break the budget needs a
 * decision (and this number changed with its reason), not a silent drift.
 */
class LambdaJarSizeTest {
  /** 10 MB, as {@code bin/gateway bench coldstart} prints it (10^6 bytes per MB). */
  static final long BUDGET_BYTES = 10_000_000;

  @Test
  void lambdaJar_isWithinItsBudget() throws Exception {
    Path jar = ProjectPaths.lambdaJar();
    assertThat(jar).as("run mvn package first: the functions module builds it").exists();
    long bytes = Files.size(jar);
    System.out.printf("FIGURE Lambda jar %,d bytes (budget %,d)%n", bytes, BUDGET_BYTES);
    assertThat(bytes).isLessThanOrEqualTo(BUDGET_BYTES);
  }
}
