package dev.frontdoor.analytics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One export written: its id, its folder ({@code AWSDynamoDB/<ExportId>}), items, data files and
 * the bytes of the items as DynamoDB JSON before compression ({@code billedSizeBytes}).
 */
public record ExportReceipt(
    String exportId,
    Path exportDirectory,
    Instant exportTime,
    long itemCount,
    List<Path> dataFiles,
    long billedSizeBytes) {
  public ExportReceipt {
    dataFiles = List.copyOf(dataFiles);
  }

  /** The folder of the data files, which the Glue table (locally: DuckDB's read_json) reads. */
  public Path dataDirectory() {
    return exportDirectory.resolve("data");
  }
}
