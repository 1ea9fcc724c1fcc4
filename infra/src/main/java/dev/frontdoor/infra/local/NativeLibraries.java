package dev.frontdoor.infra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Points sqlite4java (DynamoDB Local's storage) at the native library Maven copied to {@code
 * infra/target/native-libs}, so it is not unpacked into the temp directory on every start. Without
 * that directory DynamoDB Local falls back to its own unpacking, which also works.
 */
final class NativeLibraries {
  static final String DIR_PROPERTY = "frontdoor.nativeLibs";

  private NativeLibraries() {}

  static void configureSqlite() {
    if (System.getProperty("sqlite4java.library.path") != null) {
      return;
    }
    Path dir = Path.of(System.getProperty(DIR_PROPERTY, "infra/target/native-libs"));
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return;
    }
    Path library = dir.resolve("libsqlite4java-linux-amd64-1.0.392.so");
    if (Files.isRegularFile(library)) {
      String path = dir.toAbsolutePath().toString();
      System.setProperty("sqlite4java.library.path", path);
      System.setProperty("org.sqlite.lib.path", path);
      System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
    }
  }
}
