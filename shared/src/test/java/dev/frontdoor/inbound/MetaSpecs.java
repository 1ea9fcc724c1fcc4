package dev.frontdoor.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared Meta specs (published webhook examples, the signature test vector), read at test time
 * from the system property {@code frontdoor.specs} (set by surefire), else {@code
 * ../../shared/specs} relative to the module directory.
 */
final class MetaSpecs {
  private MetaSpecs() {}

  static Path meta() {
    Path specs = Path.of(System.getProperty("frontdoor.specs", "../../shared/specs"));
    Path meta = specs.resolve("meta");
    if (!Files.isDirectory(meta)) {
      throw new IllegalStateException("Meta specs not found at " + meta.toAbsolutePath());
    }
    return meta;
  }

  static Path webhooks() {
    return meta().resolve("webhooks");
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] webhook(String name) {
    return read(webhooks().resolve(name));
  }

  /** File names in {@code webhooks/} ending with {@code suffix}, sorted. */
  static List<String> webhookNames(String suffix) {
    try (Stream<Path> files = Files.list(webhooks())) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
