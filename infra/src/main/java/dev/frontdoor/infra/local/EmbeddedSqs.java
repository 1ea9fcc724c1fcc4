package dev.frontdoor.infra.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
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
    }
    Config config = ConfigFactory.parseString(hocon.toString()).withFallback(ConfigFactory.load());
    Function0<?> shutdown = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
    return new EmbeddedSqs(shutdown, chosen);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    shutdown.apply();
  }
}
