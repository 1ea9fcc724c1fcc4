package dev.frontdoor.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Meta's published webhook examples in ../shared/specs/meta/webhooks (see its SOURCES.md). */
final class MetaFixtureFiles {
  private MetaFixtureFiles() {}

  static Path dir() {
    return Path.of(System.getProperty("frontdoor.specs", "../../shared/specs"), "meta", "webhooks");
  }

  static List<Path> matching(String suffix) {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
