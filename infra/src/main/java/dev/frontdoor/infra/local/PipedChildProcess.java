package dev.frontdoor.infra.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A local engine (dynalite, moto) run as a child process that exits when its standard input closes.
 * This class holds the writing end of that pipe and closes it only in {@link #close()}, so the
 * child dies with the JVM however the JVM dies (the kernel closes a dead process's pipes, {@code
 * kill -9} included).
 */
public final class PipedChildProcess implements AutoCloseable {
  private final Process process;
  private final String readyLine;

  private PipedChildProcess(Process process, String readyLine) {
    this.process = process;
    this.readyLine = readyLine;
  }

  /**
   * Starts {@code builder}'s command and waits for the first line of its standard output that
   * {@code isReady} accepts; later output is drained so the child never blocks on a full pipe.
   */
  public static PipedChildProcess start(
      String name, ProcessBuilder builder, Predicate<String> isReady, Duration timeout) {
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + builder.command().get(0), e);
    }
    try {
      return new PipedChildProcess(process, awaitReady(name, process, isReady, timeout));
    } catch (RuntimeException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e;
    }
  }

  private static String awaitReady(
      String name, Process process, Predicate<String> isReady, Duration timeout) {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (isReady.test(line)) {
                    return line;
                  }
                  seen.add(line);
                }
                return null;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String line;
    try {
      line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          name + " did not start within " + timeout.toSeconds() + " s; it printed " + seen, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " did not start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " started", e);
    }
    if (line == null) {
      throw new IllegalStateException(name + " exited before it was ready; it printed " + seen);
    }
    Thread drain = new Thread(() -> drain(out), name + "-output");
    drain.setDaemon(true);
    drain.start();
    return line;
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // nothing after the ready line is needed (request logs at most)
      }
    } catch (IOException e) {
      // the child is gone; close() or the JVM's exit follows
    }
  }

  /** The line that said the child was ready. */
  public String readyLine() {
    return readyLine;
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Closes the pipe (the child exits on its own), waiting for it before forcing. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed: the child is on its way out
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
