package dev.frontdoor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.config.Environment;
import dev.frontdoor.infra.local.LocalAws;
import dev.frontdoor.testing.Sensitive;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/gateway} as its own process, as a newcomer runs it: started, killed, restarted. */
final class GatewayProcess {
  private static final Pattern READY = Pattern.compile("ready in (\\d+) ms");

  /** A started gateway: its process, its output file and the endpoints its banner printed. */
  record Running(Process process, Path output, long readyMillis, URI dynamoDb, URI sqs) {
    Environment aws() {
      return LocalAws.environment(dynamoDb, sqs);
    }
  }

  private GatewayProcess() {}

  /** The command with the test secrets, a port and a data directory, plus {@code extra}. */
  static ProcessBuilder command(int port, Path dataDir, Map<String, String> extra) {
    ProcessBuilder builder =
        new ProcessBuilder("bash", Paths.root().resolve("bin/gateway").toString());
    builder.directory(Paths.root().toFile());
    builder.environment().put("GATEWAY_PORT", Integer.toString(port));
    builder.environment().put("GATEWAY_DATA_DIR", dataDir.toString());
    builder.environment().put("META_VERIFY_TOKEN", Sensitive.VERIFY_TOKEN);
    builder.environment().put("META_APP_SECRETS", Sensitive.APP_SECRET);
    builder.environment().put("API_TOKENS", Sensitive.API_TOKEN);
    builder.environment().putAll(extra);
    return builder;
  }

  /** Starts the command, its output going to {@code output}, and waits for its banner. */
  static Running start(ProcessBuilder builder, Path output) throws Exception {
    builder.redirectErrorStream(true).redirectOutput(output.toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(output) ? Files.readString(output) : "";
      Matcher ready = READY.matcher(text);
      if (ready.find()) {
        return new Running(
            process,
            output,
            Long.parseLong(ready.group(1)),
            endpoint(text, "dynamodb"),
            endpoint(text, "sqs"));
      }
      if (!process.isAlive()) {
        throw new AssertionError("bin/gateway exited early:\n" + text);
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new AssertionError("bin/gateway was not ready within 5 minutes");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static URI endpoint(String banner, String name) {
    Matcher matcher = Pattern.compile("(?m)^\\s+" + name + "\\s+(http://\\S+)").matcher(banner);
    assertThat(matcher.find()).as(name + " endpoint in banner").isTrue();
    return URI.create(matcher.group(1));
  }
}
