package dev.frontdoor.infra.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in this JVM, on loopback, telemetry off, data on disk (or in memory for tests).
 * DynamoDB Local binds every interface whatever it is asked; its Jetty connector is moved to
 * 127.0.0.1 before start, through the private field that holds the server.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on {@code port} (0 picks a free one), keeping data under {@code dataDir} if given. */
  public static EmbeddedDynamoDb start(int port, Optional<Path> dataDir) {
    NativeLibraries.configureSqlite();
    int chosen = port == 0 ? FreePorts.pick() : port;
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen)));
    args.add("-disableTelemetry");
    args.add("-sharedDb");
    if (dataDir.isPresent()) {
      DataDirectories.create(dataDir.get());
      args.add("-dbPath");
      args.add(dataDir.get().toAbsolutePath().toString());
    } else {
      args.add("-inMemory");
    }
    try {
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
      bindToLoopback(server);
      server.start();
      return new EmbeddedDynamoDb(server, chosen);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + chosen, e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }

  private static void bindToLoopback(DynamoDBProxyServer proxy)
      throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setHost("127.0.0.1");
      }
    }
  }
}
