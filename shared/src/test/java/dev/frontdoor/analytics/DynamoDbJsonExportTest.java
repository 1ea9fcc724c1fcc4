package dev.frontdoor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.analytics.port.out.TableItems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbJsonExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:dynamodb:af-south-1:000000000000:table/frontdoor";

  @TempDir Path out;

  /** Five items spread over the segments by their index, as a parallel scan spreads them. */
  private static final class FiveItems implements TableItems {
    @Override
    public TableIdentity identity() {
      return new TableIdentity(ARN, "table-id-1");
    }

    @Override
    public void scan(int segment, int totalSegments, Consumer<ObjectNode> item) {
      for (int i = 0; i < 5; i++) {
        if (i % totalSegments == segment) {
          ObjectNode node = JSON.createObjectNode();
          node.putObject("pk").put("S", "CUST#+2782000000" + i);
          node.putObject("at").put("N", Integer.toString(1000 + i));
          item.accept(node);
        }
      }
    }
  }

  @Test
  void export_writesDynamoDbsLayout_manifests_andGzippedItemLines() throws Exception {
    Instant at = Instant.parse("2026-11-29T10:15:30.123Z");
    ExportReceipt receipt =
        new DynamoDbJsonExport(new FiveItems(), Clock.fixed(at, ZoneOffset.UTC))
            .export(new ExportRequest(out, "analytics-bucket", "exports"));

    assertThat(receipt.exportId()).matches("01795947330123-[0-9a-f]{8}");
    Path dir = out.resolve("AWSDynamoDB").resolve(receipt.exportId());
    assertThat(receipt.exportDirectory()).isEqualTo(dir);
    assertThat(dir.resolve("_started")).isEmptyFile();
    assertThat(receipt.itemCount()).isEqualTo(5);
    assertThat(receipt.dataFiles()).hasSize(DynamoDbJsonExport.SEGMENTS);

    // every item once, as {"Item": {...}} lines, in gzip files named like DynamoDB's
    List<JsonNode> lines = new ArrayList<>();
    for (Path file : receipt.dataFiles()) {
      assertThat(file.getParent()).isEqualTo(dir.resolve("data"));
      assertThat(file.getFileName().toString()).matches("[a-z2-7]{26}\\.json\\.gz");
      for (String line : gunzip(file).split("\n")) {
        if (!line.isEmpty()) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    assertThat(lines).hasSize(5);
    assertThat(lines)
        .extracting(line -> line.path("Item").path("pk").path("S").asText())
        .containsExactlyInAnyOrder(
            "CUST#+27820000000",
            "CUST#+27820000001",
            "CUST#+27820000002",
            "CUST#+27820000003",
            "CUST#+27820000004");

    // manifest-files.json: one JSON line per data file, counts and checksums that match
    List<String> manifestLines = Files.readAllLines(dir.resolve("manifest-files.json"));
    assertThat(manifestLines).hasSize(DynamoDbJsonExport.SEGMENTS);
    long counted = 0;
    for (String line : manifestLines) {
      JsonNode entry = JSON.readTree(line);
      assertThat(entry.fieldNames())
          .toIterable()
          .containsExactly("itemCount", "md5Checksum", "etag", "dataFileS3Key");
      String key = entry.path("dataFileS3Key").asText();
      assertThat(key).startsWith("exports/AWSDynamoDB/" + receipt.exportId() + "/data/");
      Path file = dir.resolve("data").resolve(key.substring(key.lastIndexOf('/') + 1));
      byte[] md5 = MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file));
      assertThat(entry.path("md5Checksum").asText())
          .isEqualTo(Base64.getEncoder().encodeToString(md5));
      assertThat(entry.path("etag").asText()).isEqualTo(HexFormat.of().formatHex(md5));
      counted += entry.path("itemCount").asLong();
    }
    assertThat(counted).isEqualTo(5);

    // manifest-summary.json: the documented fields, in the documented order
    JsonNode summary = JSON.readTree(dir.resolve("manifest-summary.json").toFile());
    assertThat(summary.fieldNames())
        .toIterable()
        .containsExactly(
            "version",
            "exportArn",
            "startTime",
            "endTime",
            "tableArn",
            "tableId",
            "exportTime",
            "s3Bucket",
            "s3Prefix",
            "s3SseAlgorithm",
            "s3SseKmsKeyId",
            "manifestFilesS3Key",
            "billedSizeBytes",
            "itemCount",
            "outputFormat");
    assertThat(summary.path("version").asText()).isEqualTo("2020-06-30");
    assertThat(summary.path("exportArn").asText()).isEqualTo(ARN + "/export/" + receipt.exportId());
    assertThat(summary.path("exportTime").asText()).isEqualTo("2026-11-29T10:15:30.123Z");
    assertThat(summary.path("s3Bucket").asText()).isEqualTo("analytics-bucket");
    assertThat(summary.path("manifestFilesS3Key").asText())
        .isEqualTo("exports/AWSDynamoDB/" + receipt.exportId() + "/manifest-files.json");
    assertThat(summary.path("itemCount").asLong()).isEqualTo(5);
    assertThat(summary.path("billedSizeBytes").asLong()).isEqualTo(receipt.billedSizeBytes());
    assertThat(summary.path("outputFormat").asText()).isEqualTo("DYNAMODB_JSON");
    assertThat(summary.path("s3SseKmsKeyId").isNull()).isTrue();

    // each manifest's .checksum is the hex MD5 of its bytes
    for (String manifest : List.of("manifest-files", "manifest-summary")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(manifest + ".json"));
      assertThat(Files.readString(dir.resolve(manifest + ".checksum")))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    }
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
