package dev.frontdoor.infra.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code messages} view's error columns: Meta's code and where it was reported, or Frontdoor's
 * own reason for not sending (a template whose customer opted out while it waited).
 */
class MessagesViewErrorTest {
  private static final long T = 1_749_416_390_000L;

  @Test
  void errors_metasCodeOrFrontdoorsReason(@TempDir Path export) throws Exception {
    Path data = Files.createDirectories(export.resolve("data"));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(data.resolve("part.json.gz")))) {
      for (String line :
          List.of(
              failed(
                  "01JX8NFBVGK3M7Q2R5T8W1Y4ZA",
                  T,
                  "{\"code\":{\"N\":\"131026\"},"
                      + "\"title\":{\"S\":\"Message undeliverable\"},\"source\":{\"S\":\"graph_api\"}}"),
              failed(
                  "01JX8NFBVGK3M7Q2R5T8W1Y4ZB",
                  T + 1000,
                  "{\"reason\":{\"S\":\"opted_out\"},"
                      + "\"title\":{\"S\":\"opted out\"},\"source\":{\"S\":\"frontdoor\"}}"))) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }

    try (LocalAthena athena = LocalAthena.open(export, export)) {
      List<Map<String, Object>> rows =
          athena.query(
              "SELECT message_id, error_code, error_source, error_reason FROM messages"
                  + " ORDER BY message_id");

      assertThat(rows)
          .extracting(
              row ->
                  row.get("error_code")
                      + "/"
                      + row.get("error_source")
                      + "/"
                      + row.get("error_reason"))
          .containsExactly("131026/graph_api/null", "null/frontdoor/opted_out");
    }
  }

  private static String failed(String messageId, long at, String error) {
    return "{\"Item\":{\"pk\":{\"S\":\"CUST#+27821234567\"},\"sk\":{\"S\":\"EV#"
        + at
        + "#MSG#"
        + messageId
        + "\"},\"entity\":{\"S\":\"message\"},\"customer_ref\":{\"S\":\"ref1\"},"
        + "\"at\":{\"N\":\""
        + at
        + "\"},\"direction\":{\"S\":\"out\"},\"business_number_id\":{\"S\":\"1065\"},"
        + "\"message_id\":{\"S\":\""
        + messageId
        + "\"},\"type\":{\"S\":\"template\"},\"status\":{\"S\":\"failed\"},"
        + "\"status_at_failed\":{\"N\":\""
        + at
        + "\"},\"error\":{\"M\":"
        + error
        + "},\"expires_at\":{\"N\":\"4102444800\"}}}";
  }
}
