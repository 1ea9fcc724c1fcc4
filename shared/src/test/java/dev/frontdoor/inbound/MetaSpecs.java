package dev.frontdoor.inbound;

import dev.frontdoor.testing.Specs;
import java.nio.file.Path;
import java.util.List;

/** Meta's published webhook examples and the signature test vector ({@link Specs}). */
final class MetaSpecs {
  private MetaSpecs() {}

  static Path meta() {
    return Specs.of("meta");
  }

  static Path webhooks() {
    return meta().resolve("webhooks");
  }

  static byte[] read(Path file) {
    return Specs.read(file);
  }

  static byte[] webhook(String name) {
    return read(webhooks().resolve(name));
  }

  /** File names in {@code webhooks/} ending with {@code suffix}, sorted. */
  static List<String> webhookNames(String suffix) {
    return Specs.names(webhooks(), suffix);
  }
}
