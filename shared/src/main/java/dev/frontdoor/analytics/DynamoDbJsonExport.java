package dev.frontdoor.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.analytics.port.in.ExportTable;
import dev.frontdoor.analytics.port.out.TableItems;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The table written out as DynamoDB's {@code ExportTableToPointInTime} writes a full export in
 * {@code DYNAMODB_JSON} to S3 (Amazon DynamoDB Developer Guide, "DynamoDB table export output
 * format"): under {@code AWSDynamoDB/<ExportId>/} an empty {@code _started}, {@code data/<random>
 * .json.gz} files of gzipped JSON lines {@code {"Item":{…}}} (one per segment of a parallel scan,
 * where DynamoDB writes at least one per partition, empty ones included), {@code
 * manifest-files.json} (a JSON line per data file: {@code itemCount}, {@code md5Checksum} (base64),
 * {@code etag} (hex MD5), {@code dataFileS3Key}), {@code manifest-summary.json} and a {@code
 * .checksum} (hex MD5) of each manifest. The local scan is not a point in time: export a stopped
 * gateway's data for a consistent copy.
 */
public final class DynamoDbJsonExport implements ExportTable {
  /** Files per export: DynamoDB writes one per partition; a local table has few items. */
  public static final int SEGMENTS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final TableItems table;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public DynamoDbJsonExport(TableItems table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  @Override
  public ExportReceipt export(ExportRequest request) throws IOException {
    Instant start = clock.instant();
    String exportId = exportId(start);
    String keyPrefix =
        (request.prefix() == null || request.prefix().isBlank() ? "" : request.prefix() + "/")
            + "AWSDynamoDB/"
            + exportId
            + "/";
    Path exportDir = request.directory().resolve("AWSDynamoDB").resolve(exportId);
    Path dataDir = exportDir.resolve("data");
    Files.createDirectories(dataDir);
    Files.write(exportDir.resolve("_started"), new byte[0]);

    TableItems.TableIdentity identity = table.identity();
    List<Path> dataFiles = new ArrayList<>();
    StringBuilder manifestFiles = new StringBuilder();
    long items = 0;
    long itemBytes = 0;
    for (int segment = 0; segment < SEGMENTS; segment++) {
      Path file = dataDir.resolve(randomName() + ".json.gz");
      DataFile written = writeSegment(file, segment);
      dataFiles.add(file);
      items += written.items();
      itemBytes += written.uncompressedBytes();
      byte[] md5 = md5(Files.readAllBytes(file));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("itemCount", written.items());
      line.put("md5Checksum", Base64.getEncoder().encodeToString(md5));
      line.put("etag", HexFormat.of().formatHex(md5));
      line.put("dataFileS3Key", keyPrefix + "data/" + file.getFileName());
      manifestFiles.append(JSON.writeValueAsString(line)).append('\n');
    }
    writeWithChecksum(exportDir, "manifest-files", manifestFiles.toString());

    Instant end = clock.instant();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("version", "2020-06-30");
    summary.put("exportArn", identity.arn() + "/export/" + exportId);
    summary.put("startTime", ISO_MILLIS.format(start));
    summary.put("endTime", ISO_MILLIS.format(end));
    summary.put("tableArn", identity.arn());
    summary.put("tableId", identity.id());
    summary.put("exportTime", ISO_MILLIS.format(start));
    summary.put("s3Bucket", request.bucket());
    summary.put("s3Prefix", request.prefix());
    summary.put("s3SseAlgorithm", "AES256");
    summary.put("s3SseKmsKeyId", null);
    summary.put("manifestFilesS3Key", keyPrefix + "manifest-files.json");
    summary.put("billedSizeBytes", itemBytes);
    summary.put("itemCount", items);
    summary.put("outputFormat", "DYNAMODB_JSON");
    writeWithChecksum(exportDir, "manifest-summary", JSON.writeValueAsString(summary));
    return new ExportReceipt(exportId, exportDir, start, items, dataFiles, itemBytes);
  }

  private record DataFile(long items, long uncompressedBytes) {}

  private DataFile writeSegment(Path file, int segment) throws IOException {
    long[] counts = new long[2];
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      table.scan(
          segment,
          SEGMENTS,
          item -> {
            ObjectNode line = JSON.createObjectNode();
            line.set("Item", item);
            try {
              byte[] bytes =
                  (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
              out.write(bytes);
              counts[0]++;
              counts[1] += bytes.length;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new DataFile(counts[0], counts[1]);
  }

  private static void writeWithChecksum(Path dir, String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(name + ".json"), bytes);
    Files.writeString(dir.resolve(name + ".checksum"), HexFormat.of().formatHex(md5(bytes)));
  }

  /** DynamoDB's form: 14 digits of epoch milliseconds, a dash, 8 hex digits. */
  private String exportId(Instant start) {
    return String.format("%014d-%08x", start.toEpochMilli(), random.nextInt());
  }

  private String randomName() {
    char[] name = new char[26];
    for (int i = 0; i < name.length; i++) {
      name[i] = BASE32[random.nextInt(BASE32.length)];
    }
    return new String(name);
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
