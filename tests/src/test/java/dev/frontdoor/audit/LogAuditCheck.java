package dev.frontdoor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.testing.Sensitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs last in the build (its own surefire execution in the verify phase, after every module's
 * tests and the end-to-end scenarios): every line those runs printed is audited.
 */
class LogAuditCheck {

  @Test
  void testSuiteOutput_holdsNoUnmaskedNumberBodyOrSecret() throws IOException {
    // GIVEN every value the suites gave the gateway
    LogAudit audit =
        new LogAudit()
            .phones(Sensitive.phones())
            .values(Sensitive.userIds())
            .values(Sensitive.bodies())
            .values(Sensitive.secrets())
            .phones(MetaFixtures.phoneNumbers())
            .values(MetaFixtures.messageTexts());
    // WHEN all captured output is scanned
    List<String> findings = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    for (Path file : outputFiles()) {
      findings.addAll(audit.scan(file));
      Files.readAllLines(file).stream()
          .filter(line -> line.startsWith("FIGURE "))
          .forEach(figures::add);
    }
    // The suites' figures, gathered from their output files onto the console of the test run.
    figures.stream().sorted().forEach(System.out::println);
    // THEN nothing leaked, and the audit really read the suites' structured log lines
    System.out.printf(
        "FIGURE log audit: %d files, %d structured log lines, %d findings%n",
        audit.filesScanned(), audit.logLines(), findings.size());
    assertThat(audit.filesScanned()).isGreaterThan(5);
    assertThat(audit.logLines()).isGreaterThan(10);
    assertThat(findings).isEmpty();
  }

  private static List<Path> outputFiles() throws IOException {
    Path root = Path.of(System.getProperty("frontdoor.root", "..")).toAbsolutePath().normalize();
    List<Path> files = new ArrayList<>();
    for (String module : List.of("shared", "functions", "infra", "tests")) {
      for (String reports : List.of("surefire-reports", "failsafe-reports", "bin-gateway")) {
        Path dir = root.resolve(module).resolve("target").resolve(reports);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> entries = Files.list(dir)) {
            entries
                .filter(
                    path ->
                        path.toString().endsWith("-output.txt") || path.toString().endsWith(".out"))
                .forEach(files::add);
          }
        }
      }
    }
    return files;
  }
}
