package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WrapUpReaderTest {
  private final WrapUpReader reader = new WrapUpReader();

  @Test
  void read_fullWrapUp_everyFieldKept() {
    WrapUp wrapUp =
        read(
            "{\"agent\":\"thandi@example.co.za\",\"outcome\":\"resolved\",\"reference\":\"CASE-1\","
                + "\"next_steps\":\"Courier tomorrow\",\"notes\":[\"Parcel missing\","
                + "{\"text\":\"VIP\",\"internal\":true}],\"review\":true}");

    assertThat(wrapUp.filedBy()).isEqualTo("thandi@example.co.za");
    assertThat(wrapUp.outcome()).contains("resolved");
    assertThat(wrapUp.reference()).contains("CASE-1");
    assertThat(wrapUp.nextSteps()).contains("Courier tomorrow");
    assertThat(wrapUp.notes()).hasSize(2);
    assertThat(wrapUp.customerNotes()).containsExactly("Parcel missing");
    assertThat(wrapUp.review()).isTrue();
  }

  @Test
  void read_noAgent_filedByNobodyNamed() {
    assertThat(read("{\"notes\":\"Called back\"}").filedBy()).isNull();
  }

  @Test
  void read_badInput_refusedNamingTheField() {
    assertRefused("", "the body is empty");
    assertRefused("[1]", "the body must be a JSON object");
    assertRefused("{nope", "the body is not valid JSON");
    assertRefused("{\"outcome\":\"ok\",\"colour\":\"red\"}", "colour:");
    assertRefused("{\"agent\":\"has space\",\"outcome\":\"ok\"}", "agent:");
    assertRefused("{\"outcome\":7}", "outcome:");
    assertRefused("{\"reference\":\"" + "r".repeat(65) + "\"}", "reference: at most 64");
    assertRefused("{\"notes\":[{\"text\":\"a\",\"internal\":\"yes\"}]}", "notes[0].internal");
    assertRefused("{\"notes\":[3]}", "notes[0]:");
    assertRefused("{\"outcome\":\"ok\",\"review\":\"yes\"}", "review:");
    assertRefused("{\"notes\":[{\"text\":\"secret\",\"internal\":true}]}", "nothing the customer");
    assertRefused("{}", "nothing the customer");
  }

  private WrapUp read(String json) {
    return reader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String json, String start) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidWrapUpException.class)
        .hasMessageStartingWith(start);
  }
}
