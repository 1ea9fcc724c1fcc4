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
 * The {@code statuses} view over an export: a message's statuses come from its first-seen times
 * ({@code status_at_*}, docs/data-model.md 5.6), a payment status from its own item, and a status
 * item of a message status written before statuses moved onto the message is not counted twice.
 */
class StatusesViewTest {
  private static final long T = 1_749_416_390_000L;
  private static final long EXPIRES = 4_102_444_800L; // 2100-01-01

  @Test
  void statuses_fromTheMessage_andPaymentItems_oldStatusItemsNotTwice(@TempDir Path export)
      throws Exception {
    Path data = Files.createDirectories(export.resolve("data"));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(data.resolve("part.json.gz")))) {
      for (String line :
          List.of(
              "{\"Item\":{\"pk\":{\"S\":\"CUST#+27821234567\"},\"sk\":{\"S\":\"EV#"
                  + T
                  + "#MSG#01JX8NFBVGK3M7Q2R5T8W1Y4ZC\"},\"entity\":{\"S\":\"message\"},"
                  + "\"customer_ref\":{\"S\":\"ref1\"},\"at\":{\"N\":\""
                  + T
                  + "\"},\"direction\":{\"S\":\"out\"},\"business_number_id\":{\"S\":\"1065\"},"
                  + "\"wamid\":{\"S\":\"wamid.A\"},\"status\":{\"S\":\"read\"},"
                  + "\"status_at_sent\":{\"N\":\""
                  + (T + 1000)
                  + "\"},\"status_at_delivered\":{\"N\":\""
                  + (T + 2000)
                  + "\"},\"status_at_read\":{\"N\":\""
                  + (T + 9000)
                  + "\"},\"pricing\":{\"M\":{\"pricing_model\":{\"S\":\"PMP\"},"
                  + "\"category\":{\"S\":\"service\"},\"billable\":{\"BOOL\":false}}},"
                  + "\"expires_at\":{\"N\":\""
                  + EXPIRES
                  + "\"}}}",
              // A status item of a message status from an older table: the message holds it.
              "{\"Item\":{\"pk\":{\"S\":\"CUST#+27821234567\"},\"sk\":{\"S\":\"EV#"
                  + (T + 1000)
                  + "#STATUS#wamid.A#sent\"},\"entity\":{\"S\":\"status\"},"
                  + "\"customer_ref\":{\"S\":\"ref1\"},\"at\":{\"N\":\""
                  + (T + 1000)
                  + "\"},\"wamid\":{\"S\":\"wamid.A\"},\"status\":{\"S\":\"sent\"},"
                  + "\"expires_at\":{\"N\":\""
                  + EXPIRES
                  + "\"}}}",
              "{\"Item\":{\"pk\":{\"S\":\"CUST#+27821234567\"},\"sk\":{\"S\":\"EV#"
                  + (T + 5000)
                  + "#STATUS#wamid.P#payment_captured\"},\"entity\":{\"S\":\"status\"},"
                  + "\"customer_ref\":{\"S\":\"ref1\"},\"at\":{\"N\":\""
                  + (T + 5000)
                  + "\"},\"wamid\":{\"S\":\"wamid.P\"},\"status\":{\"S\":\"payment_captured\"},"
                  + "\"expires_at\":{\"N\":\""
                  + EXPIRES
                  + "\"}}}")) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }

    try (LocalAthena athena = LocalAthena.open(export, export)) {
      List<Map<String, Object>> rows =
          athena.query(
              "SELECT wamid, status, at_ms, pricing_category FROM statuses ORDER BY at_ms");

      assertThat(rows)
          .extracting(row -> row.get("status") + "@" + row.get("at_ms"))
          .containsExactly(
              "sent@" + (T + 1000),
              "delivered@" + (T + 2000),
              "payment_captured@" + (T + 5000),
              "read@" + (T + 9000));
      assertThat(rows.get(0)).containsEntry("wamid", "wamid.A");
      assertThat(rows.get(0)).containsEntry("pricing_category", "service");
      assertThat(rows.get(2).get("pricing_category")).isNull();
    }
  }
}
