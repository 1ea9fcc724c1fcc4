package dev.frontdoor.infra.analytics;

import dev.frontdoor.analytics.ExportReceipt;
import dev.frontdoor.analytics.ExportRequest;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.ConfigException;
import dev.frontdoor.config.EnvVar;
import dev.frontdoor.config.Environment;
import dev.frontdoor.config.GatewayConfig;
import dev.frontdoor.infra.local.LocalAws;
import dev.frontdoor.infra.local.LocalDeployment;
import dev.frontdoor.infra.local.LocalDynamoDb;
import dev.frontdoor.infra.template.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code bin/gateway export [--out DIR] [--queries]}: the local table (dynalite over {@code
 * GATEWAY_DATA_DIR}; the gateway must be stopped, LevelDB has one owner) written as DynamoDB's
 * export to S3 writes it, under {@code DIR/AWSDynamoDB/<ExportId>/}; with {@code --queries}, every
 * named query's answer on it, run by DuckDB from the files Athena runs.
 */
public final class ExportCommand {
  private ExportCommand() {}

  /** Exports the table behind {@code dynamoDbEndpoint} (a running engine) to {@code out}. */
  public static ExportReceipt export(URI dynamoDbEndpoint, String tableName, Path out)
      throws Exception {
    Environment env =
        LocalAws.environment(dynamoDbEndpoint, URI.create("http://127.0.0.1:1"))
            .with(Map.of(EnvVar.TABLE_NAME, tableName));
    try (SdkHttpClient http = ApacheHttpClient.builder().build();
        DynamoDbClient dynamoDb = dev.frontdoor.adapter.out.aws.AwsClients.dynamoDb(env, http)) {
      return new Composition(env, dynamoDb).exportTable().export(ExportRequest.to(out));
    }
  }

  /** Every named query's answer, one block per query, for a person to read. */
  public static String render(Map<String, List<Map<String, Object>>> answers) {
    StringBuilder text = new StringBuilder();
    answers.forEach(
        (name, rows) -> {
          text.append(name).append(" (").append(rows.size()).append(" rows)\n");
          rows.forEach(row -> text.append("  ").append(row).append('\n'));
        });
    return text.toString();
  }

  public static void main(String[] args) throws Exception {
    Optional<Path> out = Optional.empty();
    boolean queries = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> {
          if (i + 1 >= args.length) {
            usage("--out needs a folder");
          }
          out = Optional.of(Path.of(args[++i]));
        }
        case "--queries" -> queries = true;
        default -> usage("unknown option " + args[i]);
      }
    }
    Path target = out.orElse(dataDir().resolve("exports"));
    ExportReceipt receipt = fromRunningGateway(out).orElseGet(() -> exportLocalStore(target));
    System.out.println(
        "frontdoor: exported "
            + receipt.itemCount()
            + " items to "
            + receipt.exportDirectory()
            + " ("
            + receipt.dataFiles().size()
            + " data files)");
    if (queries) {
      try (LocalAthena athena =
          LocalAthena.open(receipt.exportDirectory(), receipt.exportDirectory())) {
        System.out.print(render(athena.runAll()));
      }
    }
  }

  /**
   * When a gateway answers on {@code GATEWAY_PORT} (it owns the data folder), its {@code POST
   * /local/export} does the export; empty when none is running.
   */
  static Optional<ExportReceipt> fromRunningGateway(Optional<Path> out) {
    String port = Optional.ofNullable(System.getenv("GATEWAY_PORT")).orElse("3000");
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(1))
            .build();
    URI base = URI.create("http://127.0.0.1:" + port);
    try {
      java.net.http.HttpResponse<String> health =
          http.send(
              java.net.http.HttpRequest.newBuilder(base.resolve("/local/health")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() != 200) {
        return Optional.empty();
      }
    } catch (java.io.IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try {
      String body =
          out.map(
                  dir ->
                      json.createObjectNode()
                          .put("out", dir.toAbsolutePath().toString())
                          .toString())
              .orElse("{}");
      java.net.http.HttpResponse<String> answer =
          http.send(
              java.net.http.HttpRequest.newBuilder(base.resolve("/local/export"))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "the running gateway's export answered " + answer.statusCode() + ": " + answer.body());
      }
      com.fasterxml.jackson.databind.JsonNode receipt = json.readTree(answer.body());
      List<Path> files = new java.util.ArrayList<>();
      receipt.path("data_files").forEach(file -> files.add(Path.of(file.asText())));
      return Optional.of(
          new ExportReceipt(
              receipt.path("export_id").asText(),
              Path.of(receipt.path("export_dir").asText()),
              java.time.Instant.parse(receipt.path("export_time").asText()),
              receipt.path("items").asLong(),
              files,
              receipt.path("billed_size_bytes").asLong()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code GATEWAY_DATA_DIR}, or exit 2 naming a bad setting. */
  static Path dataDir() {
    try {
      return GatewayConfig.from(Environment.of(System.getenv())).gatewayDataDir().toAbsolutePath();
    } catch (ConfigException e) {
      System.err.println("frontdoor: configuration error: " + e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  /**
   * Starts dynalite over {@code GATEWAY_DATA_DIR} (it refuses while a gateway holds the folder),
   * and exports its table to {@code target}.
   */
  static ExportReceipt exportLocalStore(Path target) {
    Path root = Path.of(System.getProperty("frontdoor.root", ".")).toAbsolutePath().normalize();
    SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
    try (LocalDynamoDb engine =
        LocalDynamoDb.start(0, Optional.of(dataDir().resolve("dynamodb")))) {
      Environment env = LocalAws.environment(engine.endpoint(), URI.create("http://127.0.0.1:1"));
      String table;
      try (SdkHttpClient http = ApacheHttpClient.builder().build();
          DynamoDbClient dynamoDb = dev.frontdoor.adapter.out.aws.AwsClients.dynamoDb(env, http)) {
        table = LocalDeployment.createTables(template, dynamoDb).get("Table");
      }
      return export(engine.endpoint(), table, target.toAbsolutePath());
    } catch (Exception e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  private static void usage(String problem) {
    System.err.println(
        "frontdoor: export: " + problem + " (bin/gateway export [--out DIR] [--queries])");
    System.exit(2);
  }
}
