package dev.frontdoor.local;

import java.nio.file.Path;

/** Where the repository is, as Maven tells the tests. */
final class Paths {
  private Paths() {}

  static Path root() {
    return Path.of(System.getProperty("frontdoor.root", "..")).toAbsolutePath().normalize();
  }

  static Path template() {
    return root().resolve("template.yaml");
  }
}
