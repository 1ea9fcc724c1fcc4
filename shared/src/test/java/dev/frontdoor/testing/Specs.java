package dev.frontdoor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reference specs nobody here wrote (published payloads, signature vectors), one folder per
 * provider, read at test time from the system property {@code frontdoor.specs} (set by surefire),
 * else {@code ../../shared/specs} relative to the module directory.
 */
public final class Specs {
  private Specs() {}

  /** The folder of one provider ({@code meta}, {@code twilio}, {@code vonage}, ...). */
  public static Path of(String provider) {
    Path folder =
        Path.of(System.getProperty("frontdoor.specs", "../../shared/specs")).resolve(provider);
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("specs not found at " + folder.toAbsolutePath());
    }
    return folder;
  }

  public static byte[] bytes(String provider, String file) {
    return read(of(provider).resolve(file));
  }

  public static String text(String provider, String file) {
    return new String(bytes(provider, file), StandardCharsets.UTF_8);
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** File names in {@code folder} ending with {@code suffix}, sorted. */
  public static List<String> names(Path folder, String suffix) {
    try (Stream<Path> files = Files.list(folder)) {
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
