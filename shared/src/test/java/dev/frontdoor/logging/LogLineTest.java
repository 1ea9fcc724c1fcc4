package dev.frontdoor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.testing.Sensitive;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogLineTest {
  private final List<String> lines = new ArrayList<>();

  @BeforeEach
  void captureLines() {
    Log.setSink(lines::add);
  }

  @AfterEach
  void restoreStdout() {
    Log.setSink(System.out::println);
    Log.setLevel(Log.Level.INFO);
  }

  @Test
  void write_sensitiveFields_areMaskedInOneJsonLine() throws Exception {
    // GIVEN a line with a phone number, a body, a secret inside an error and a stray number
    Redaction.registerSecret(Sensitive.APP_SECRET);
    // WHEN
    Log.of(LogLineTest.class)
        .info("message.received")
        .phone("customer", Sensitive.CUSTOMER_E164)
        .body("text", Sensitive.BODY)
        .field("note", "call me on " + Sensitive.CUSTOMER_SPACED)
        .field("amount", 27821234567L)
        .field("count", 3)
        .error(new IllegalStateException("signature with " + Sensitive.APP_SECRET + " failed"))
        .write();
    // THEN exactly one JSON line, nothing sensitive in it
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("event").asText()).isEqualTo("message.received");
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("customer").asText()).isEqualTo("***4567");
    assertThat(json.get("text_chars").asInt()).isEqualTo(36);
    assertThat(json.get("count").asInt()).isEqualTo(3);
    assertThat(line)
        .doesNotContain("27821234567", Sensitive.CUSTOMER_SPACED, "Hello", "8001015009087")
        .doesNotContain(Sensitive.APP_SECRET);
  }

  @Test
  void write_toStandardOutput_givesTheLogAuditSensitiveValuesToCheck() {
    // GIVEN the real sink, standard output, which surefire keeps for the log audit
    Log.setSink(System.out::println);
    Redaction.registerSecret(Sensitive.API_TOKEN);
    // WHEN a line carries every kind of sensitive value the audit hunts for
    Log.of(LogLineTest.class)
        .warn("audit.sample")
        .phone("customer", Sensitive.SECOND_CUSTOMER_E164)
        .body("text", Sensitive.BODY)
        .field("header", "Bearer " + Sensitive.API_TOKEN)
        .field("caller", Sensitive.CUSTOMER_SPACED)
        .write();
    // THEN the audit of this suite's output (tests module) finds nothing; here, nothing captured
    assertThat(lines).isEmpty();
  }

  @Test
  void write_belowThreshold_writesNothing() {
    Log.setLevel(Log.Level.WARN);
    Log.of(LogLineTest.class).info("quiet").field("x", 1).write();
    assertThat(lines).isEmpty();
  }

  @Test
  void levelFrom_unknownValue_fallsBackToInfo() {
    assertThat(Log.levelFrom("verbose")).isEqualTo(Log.Level.INFO);
    assertThat(Log.levelFrom("debug")).isEqualTo(Log.Level.DEBUG);
  }
}
