package dev.frontdoor.infra.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;

/**
 * ElasticMQ in this JVM on loopback. With a data directory, queues and messages are kept in an H2
 * file with {@code WRITE_DELAY=0}: with H2's default delay a kill -9 lost acknowledged messages.
 */
public final class EmbeddedSqs implements AutoCloseable {
  private final Function0<?> shutdown;
  private final int port;

  private EmbeddedSqs(Function0<?> shutdown, int port) {
    this.shutdown = shutdown;
    this.port = port;
  }

  public static EmbeddedSqs start(int port, Optional<Path> dataDir) {
    int chosen = port == 0 ? FreePorts.pick() : port;
    StringBuilder hocon = new StringBuilder();
    hocon.append("rest-sqs { enabled = true, bind-hostname = \"127.0.0.1\", bind-port = ");
    hocon.append(chosen).append(", sqs-limits = strict }\n");
    hocon.append("generate-node-address = true\n");
    if (dataDir.isPresent()) {
      DataDirectories.create(dataDir.get());
      String uri =
          "jdbc:h2:" + dataDir.get().toAbsolutePath().resolve("elasticmq") + ";WRITE_DELAY=0";
      hocon.append("messages-storage { enabled = true, uri = \"").append(uri).append("\" }\n");
      releaseInFlight(uri);
    }
    Config config = ConfigFactory.parseString(hocon.toString()).withFallback(ConfigFactory.load());
    Function0<?> shutdown = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
    return new EmbeddedSqs(shutdown, chosen);
  }

  /**
   * The process that held messages in flight died with them: make every kept message visible again
   * before ElasticMQ loads them, at its original place (ElasticMQ orders a queue by next delivery
   * time, so a message's creation time puts it back where it was sent). In AWS their visibility
   * timeout would run out while SQS keeps their FIFO groups blocked; ElasticMQ restores an
   * in-flight message invisible but does not block its group, so the group's later messages would
   * overtake it (the sender crash suite saw this).
   */
  private static void releaseInFlight(String uri) {
    if (!Files.exists(Path.of(uri.substring("jdbc:h2:".length(), uri.indexOf(';')) + ".mv.db"))) {
      return;
    }
    try (Connection db = DriverManager.getConnection(uri);
        Statement statement = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet found =
          statement.executeQuery(
              "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                  + " WHERE UPPER(COLUMN_NAME) = 'NEXT_DELIVERY'")) {
        while (found.next()) {
          tables.add(found.getString(1));
        }
      }
      for (String table : tables) {
        statement.executeUpdate(
            "UPDATE \""
                + table.replace("\"", "\"\"")
                + "\" SET next_delivery = created"
                + " WHERE next_delivery > created");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the kept queue messages at " + uri, e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    shutdown.apply();
  }
}
