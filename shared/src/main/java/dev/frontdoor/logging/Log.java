package dev.frontdoor.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Structured JSON logging, one line per event: {@code Log.of(X.class).info("handshake.accepted")
 * .field("mode", mode).write()}. Every string value passes through {@link Redaction}; phone numbers
 * have their own field type, message bodies are reduced to their length. The level comes from
 * {@code LOG_LEVEL} (DEBUG, INFO, WARN, ERROR; INFO by default).
 */
public final class Log {
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private static volatile Level threshold = levelFrom(System.getenv("LOG_LEVEL"));
  private static volatile Consumer<String> sink = Log::printToStdout;

  private final String logger;

  private Log(String logger) {
    this.logger = logger;
  }

  public static Log of(Class<?> owner) {
    return new Log(owner.getSimpleName());
  }

  public LogLine debug(String event) {
    return line(Level.DEBUG, event);
  }

  public LogLine info(String event) {
    return line(Level.INFO, event);
  }

  public LogLine warn(String event) {
    return line(Level.WARN, event);
  }

  public LogLine error(String event) {
    return line(Level.ERROR, event);
  }

  private LogLine line(Level level, String event) {
    boolean enabled = level.compareTo(threshold) >= 0;
    return new LogLine(enabled ? sink : null, level, logger, event);
  }

  public static void setLevel(Level level) {
    threshold = level;
  }

  /** Where lines go; standard output by default (CloudWatch Logs in Lambda). */
  public static void setSink(Consumer<String> newSink) {
    sink = newSink;
  }

  static Level levelFrom(String value) {
    if (value == null || value.isBlank()) {
      return Level.INFO;
    }
    try {
      return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  private static void printToStdout(String line) {
    PrintStream out = System.out;
    out.println(line);
  }
}
