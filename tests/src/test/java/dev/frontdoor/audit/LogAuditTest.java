package dev.frontdoor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit itself must catch what it is for; otherwise a clean audit means nothing. */
class LogAuditTest {
  private final LogAudit audit =
      new LogAudit()
          .phones(List.of("+27821234567"))
          .values(List.of("a-secret-value", "Hello there, friend"));

  @Test
  void check_unmaskedGivenNumberInAnySpelling_isFound() {
    assertThat(audit.check("customer 27821234567 wrote", "t")).isNotEmpty();
    assertThat(audit.check("customer 082 123 4567 wrote", "t")).isNotEmpty();
    assertThat(audit.check("customer +27 82 123 4567 wrote", "t")).isNotEmpty();
  }

  @Test
  void check_givenBodyOrSecret_isFound() {
    assertThat(audit.check("text=Hello there, friend", "t")).isNotEmpty();
    assertThat(audit.check("Authorization: Bearer a-secret-value", "t")).isNotEmpty();
  }

  @Test
  void check_unknownNumberInStructuredField_isFound() {
    String line =
        "{\"time\":\"2026-11-25T13:18:22.243092276Z\",\"level\":\"INFO\",\"caller\":\"+44 7700 900123\"}";
    assertThat(audit.check(line, "t")).singleElement().asString().contains("caller");
  }

  @Test
  void check_digitsInsideAnIdentifier_areNotANumber() {
    String line =
        "{\"time\":\"2026-11-25T14:42:38Z\",\"request_id\":\"234197bd-7a18-4734-9d0f-1c2a3628f91d\"}";
    assertThat(audit.check(line, "t")).isEmpty();
  }

  @Test
  void check_maskedLine_isClean() {
    String line =
        "{\"time\":\"2026-11-25T13:18:22.243092276Z\",\"level\":\"INFO\",\"event\":\"x\","
            + "\"customer\":\"***4567\",\"text_chars\":19,\"code\":131056}";
    assertThat(audit.check(line, "t")).isEmpty();
    assertThat(audit.logLines()).isEqualTo(1);
  }
}
