package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * dynalite (DynamoDB's API on LevelDB, npm, Apache-2.0) as a child process on loopback, started by
 * the project's {@code infra/dynalite/launch.js}, data on disk (or in memory for tests).
 *
 * <p>The child exits when its standard input closes. This class holds the writing end of that pipe
 * and never closes it until {@link #close()}, so the engine dies with the JVM however the JVM dies
 * (the kernel closes a dead process's pipes, {@code kill -9} included).
 */
public final class LocalDynamoDb implements AutoCloseable {
  /** Where the project keeps the launcher and its pinned node_modules, below the project root. */
  static final String LAUNCHER_DIR = "infra/dynalite";

  private static final long START_TIMEOUT_SECONDS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;

  private LocalDynamoDb(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts on {@code port} (0 lets the engine pick), keeping data under {@code dataDir} if given.
   */
  public static LocalDynamoDb start(int port, Optional<Path> dataDir) {
    Path launcherDir = launcherDir();
    Path launcher = launcherDir.resolve("launch.js");
    if (!Files.isDirectory(launcherDir.resolve("node_modules/dynalite"))) {
      throw new IllegalStateException(
          "dynalite is not installed under "
              + launcherDir
              + ": build with Maven first (it runs npm ci there), or run bin/gateway build");
    }
    List<String> command = new ArrayList<>(List.of("node", launcher.toString()));
    command.addAll(List.of("--port", Integer.toString(port)));
    dataDir.ifPresent(
        dir -> {
          DataDirectories.create(dir);
          command.addAll(List.of("--path", dir.toAbsolutePath().toString()));
        });
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(launcherDir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start dynalite with 'node' (Node.js >= 20 must be on the PATH)", e);
    }
    try {
      return new LocalDynamoDb(process, awaitReady(process));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Reads the launcher's one ready line, then keeps draining its output so it never blocks. */
  private static int awaitReady(Process process) {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String line;
    try {
      line = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "dynalite did not start within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("dynalite did not start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dynalite started", e);
    }
    if (line == null) {
      throw new IllegalStateException(
          "dynalite exited before it was ready (is another gateway using the same data directory?)");
    }
    Thread drain = new Thread(() -> drain(out), "dynalite-stdout");
    drain.setDaemon(true);
    drain.start();
    try {
      JsonNode readyLine = JSON.readTree(line);
      return readyLine.path("port").asInt();
    } catch (IOException e) {
      throw new IllegalStateException("dynalite printed an unexpected ready line: " + line, e);
    }
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // dynalite prints nothing after the ready line unless it fails; stderr is inherited.
      }
    } catch (IOException e) {
      // The child is gone; close() or the JVM's exit follows.
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
    return process.toHandle();
  }

  /** Closes the pipe (the engine closes LevelDB and exits), waiting for it before forcing. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the child is on its way out.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
