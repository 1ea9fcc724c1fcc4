package dev.frontdoor.analytics;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an export goes: {@code <directory>/AWSDynamoDB/<ExportId>/…}, as under an S3 bucket and
 * prefix; {@code bucket} and {@code prefix} are only written into the manifest.
 */
public record ExportRequest(Path directory, String bucket, String prefix) {
  public ExportRequest {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(bucket, "bucket");
  }

  public static ExportRequest to(Path directory) {
    return new ExportRequest(directory, "local", null);
  }
}
