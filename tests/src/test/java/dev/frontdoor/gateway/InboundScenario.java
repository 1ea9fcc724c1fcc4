package dev.frontdoor.gateway;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A scenario class runs against one local gateway of its own, on a fresh data directory. */
abstract class InboundScenario {
  @TempDir static Path dataDir;
  static InboundGateway gateway;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = new InboundGateway(dataDir);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }
}
