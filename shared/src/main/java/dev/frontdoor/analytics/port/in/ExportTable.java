package dev.frontdoor.analytics.port.in;

import dev.frontdoor.analytics.ExportReceipt;
import dev.frontdoor.analytics.ExportRequest;
import java.io.IOException;

/** Writes the whole table as DynamoDB's {@code ExportTableToPointInTime} writes it to S3. */
public interface ExportTable {
  ExportReceipt export(ExportRequest request) throws IOException;
}
