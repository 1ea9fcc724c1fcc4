package dev.frontdoor.infra.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the shared specs live: the {@code frontdoor.specs} system property (set by the build), else
 * {@code ../shared/specs} or {@code ../../shared/specs} from the working directory.
 */
final class SpecFiles {
  static final String PROPERTY = "frontdoor.specs";

  private SpecFiles() {}

  /** The file {@code relative} under the first specs directory that has it. */
  static Path locate(String relative) {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    Path cwd = Path.of("").toAbsolutePath();
    candidates.add(cwd.resolve("../shared/specs"));
    candidates.add(cwd.resolve("../../shared/specs"));
    for (Path directory : candidates) {
      Path file = directory.resolve(relative).normalize();
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException(
        relative + " not found under any of " + candidates + " (set -D" + PROPERTY + "=<dir>)");
  }
}
