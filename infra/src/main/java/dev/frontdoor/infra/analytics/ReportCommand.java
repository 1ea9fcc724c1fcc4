package dev.frontdoor.infra.analytics;

import dev.frontdoor.analytics.ExportReceipt;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/gateway report [--out FILE]}: exports the local table (gateway stopped) and renders
 * its named-query answers as one self-contained HTML page ({@link ExportReport}), by default {@code
 * GATEWAY_DATA_DIR/report.html}.
 */
public final class ReportCommand {
  private ReportCommand() {}

  public static void main(String[] args) throws Exception {
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        System.err.println(
            "frontdoor: report: unknown option " + args[i] + " (bin/gateway report [--out FILE])");
        System.exit(2);
      }
    }
    Path dataDir = ExportCommand.dataDir();
    Path page = (out == null ? dataDir.resolve("report.html") : out).toAbsolutePath();
    ExportReceipt receipt =
        ExportCommand.fromRunningGateway(java.util.Optional.empty())
            .orElseGet(() -> ExportCommand.exportLocalStore(dataDir.resolve("exports")));
    try (LocalAthena athena =
        LocalAthena.open(receipt.exportDirectory(), receipt.exportDirectory())) {
      Files.createDirectories(page.getParent());
      Files.writeString(
          page, ExportReport.render(athena, "Frontdoor: export " + receipt.exportId()));
    }
    System.out.println("frontdoor: report of " + receipt.itemCount() + " items: " + page);
  }
}
