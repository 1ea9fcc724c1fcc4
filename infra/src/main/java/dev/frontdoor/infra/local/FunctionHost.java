package dev.frontdoor.infra.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * One function's execution environment: the handler class named in template.yaml, built once with
 * the function's environment (the constructor Lambda's no-argument constructor delegates to), and
 * invoked with the raw event JSON exactly as the Lambda runtime hands it over.
 */
final class FunctionHost implements AutoCloseable {
  private final String functionId;
  private final RequestStreamHandler handler;
  private final int memoryMb;
  private final int timeoutSeconds;

  private FunctionHost(
      String functionId, RequestStreamHandler handler, int memoryMb, int timeoutSeconds) {
    this.functionId = functionId;
    this.handler = handler;
    this.memoryMb = memoryMb;
    this.timeoutSeconds = timeoutSeconds;
  }

  static FunctionHost start(
      String functionId,
      String handlerClass,
      Environment environment,
      int memoryMb,
      int timeoutSeconds) {
    try {
      Class<?> type = Class.forName(handlerClass);
      Object instance = type.getConstructor(Environment.class).newInstance(environment);
      if (!(instance instanceof RequestStreamHandler streamHandler)) {
        throw new IllegalStateException(handlerClass + " is not a RequestStreamHandler");
      }
      return new FunctionHost(functionId, streamHandler, memoryMb, timeoutSeconds);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ConfigException config) {
        throw config;
      }
      throw new IllegalStateException(functionId + " failed to initialise", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          functionId + ": " + handlerClass + " needs a public constructor taking Environment", e);
    }
  }

  byte[] invoke(byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    Invocations.enter(functionId);
    try {
      handler.handleRequest(
          new ByteArrayInputStream(event),
          out,
          new LocalLambdaContext(RequestIds.next(), functionId, memoryMb, timeoutSeconds));
    } finally {
      Invocations.leave();
      Invocations.record(functionId, memoryMb, System.nanoTime() - start);
    }
    return out.toByteArray();
  }

  /** Releases what the handler holds (Lambda never does: it freezes and discards environments). */
  @Override
  public void close() {
    if (handler instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(functionId + " failed to close", e);
      }
    }
  }
}
