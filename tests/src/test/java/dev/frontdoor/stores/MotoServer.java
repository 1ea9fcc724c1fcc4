package dev.frontdoor.stores;

import dev.frontdoor.infra.local.PipedChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * moto's server ({@code moto_server}, Python) as a child process on loopback, for the store
 * contract tests. It exits when its standard input closes; this class holds the other end of that
 * pipe, so moto cannot outlive the JVM however the JVM ends (the kernel closes a dead process's
 * pipes).
 */
final class MotoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * moto_server's own entry point (same arguments, same "Running on" line) with two changes: it
   * exits when its stdin closes, and it handles one request at a time. moto_server serves requests
   * on threads, and moto 5.2.1 evaluates a write's condition and applies the write without a lock
   * (moto/dynamodb/models: update_item in __init__.py, put_item in table.py), so two racing
   * conditional writes to one item can both succeed there; DynamoDB applies each write to an item
   * atomically. One lock around moto's dispatch gives that atomicity back; connections stay
   * threaded (keep-alive), and callers still interleave their calls.
   */
  private static final String WRAPPER =
      String.join(
          "\n",
          "import os, sys, threading",
          "def watch():",
          "    sys.stdin.buffer.read()",
          "    os._exit(0)",
          "threading.Thread(target=watch, daemon=True).start()",
          "from moto.moto_server.werkzeug_app import DomainDispatcherApplication",
          "one_at_a_time = threading.Lock()",
          "dispatch = DomainDispatcherApplication.__call__",
          "def serialised(self, environ, start_response):",
          "    with one_at_a_time:",
          "        return dispatch(self, environ, start_response)",
          "DomainDispatcherApplication.__call__ = serialised",
          "from moto.server import main",
          "main(sys.argv[1:])");

  private final PipedChildProcess process;
  private final int port;

  private MotoServer(PipedChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts moto; a JUnit assumption fails (the tests skip) where it or Python is not installed. */
  static MotoServer start() {
    Optional<Path> moto = onPath("moto_server");
    Assumptions.assumeTrue(
        moto.isPresent(),
        "moto_server is not on the PATH: install moto's server (pip install 'moto[server]==5.2.1')"
            + " to run the store contract tests against moto");
    Assumptions.assumeTrue(
        onPath("python3").isPresent(),
        "python3 is not on the PATH (moto_server's wrapper needs it)");
    Assumptions.assumeTrue(
        importsMoto(),
        "python3 on the PATH cannot import moto.server (moto_server belongs to another Python):"
            + " install 'moto[server]==5.2.1' for python3");
    int port = freeLoopbackPort();
    List<String> command =
        new ArrayList<>(
            List.of("python3", "-c", WRAPPER, "-H", "127.0.0.1", "-p", Integer.toString(port)));
    String expected = "Running on http://127.0.0.1:" + port;
    PipedChildProcess process =
        PipedChildProcess.start(
            "moto_server",
            new ProcessBuilder(command).redirectErrorStream(true),
            line -> line.contains(expected),
            START_TIMEOUT);
    return new MotoServer(process, port);
  }

  private static boolean importsMoto() {
    try {
      Process probe =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      probe.getOutputStream().close();
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Closes moto's stdin (it exits), forcing it if that takes too long. */
  @Override
  public void close() {
    process.close();
  }
}
