package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dynalite (DynamoDB's API on LevelDB, npm, Apache-2.0) as a child process on loopback, started by
 * the project's {@code infra/dynalite/launch.js}, data on disk (or in memory for tests). The child
 * exits when its standard input closes ({@link PipedChildProcess}), so it never outlives the JVM.
 */
public final class LocalDynamoDb implements AutoCloseable {
  /** Where the project keeps the launcher and its pinned node_modules, below the project root. */
  static final String LAUNCHER_DIR = "infra/dynalite";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipedChildProcess process;
  private final int port;

  private LocalDynamoDb(PipedChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts on {@code port} (0 lets the engine pick), keeping data under {@code dataDir} if given.
   */
  public static LocalDynamoDb start(int port, Optional<Path> dataDir) {
    Path launcherDir = launcherDir();
    if (!Files.isDirectory(launcherDir.resolve("node_modules/dynalite"))) {
      throw new IllegalStateException(
          "dynalite is not installed under "
              + launcherDir
              + ": build with Maven first (it runs npm ci there), or run bin/gateway build");
    }
    List<String> command =
        new ArrayList<>(List.of("node", launcherDir.resolve("launch.js").toString()));
    command.addAll(List.of("--port", Integer.toString(port)));
    dataDir.ifPresent(
        dir -> {
          DataDirectories.create(dir);
          command.addAll(List.of("--path", dir.toAbsolutePath().toString()));
        });
    // stderr reaches the terminal: a second gateway on the same data directory says why it stops.
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(launcherDir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    PipedChildProcess child =
        PipedChildProcess.start(
            "dynalite (Node.js >= 20 on the PATH)",
            builder,
            line -> line.startsWith("{"),
            START_TIMEOUT);
    try {
      return new LocalDynamoDb(child, JSON.readTree(child.readyLine()).path("port").asInt());
    } catch (IOException e) {
      child.close();
      throw new IllegalStateException(
          "dynalite printed an unexpected ready line: " + child.readyLine(), e);
    }
  }

  static Path launcherDir() {
    return Path.of(System.getProperty("frontdoor.root", "."))
        .resolve(LAUNCHER_DIR)
        .toAbsolutePath()
        .normalize();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The engine's process, so tests can check that it does not outlive the gateway. */
  public ProcessHandle processHandle() {
    return process.handle();
  }

  /** Closes the pipe: the engine closes LevelDB and exits. */
  @Override
  public void close() {
    process.close();
  }
}
