package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.json.JsonTrees;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSourceFilterTest {
  private static final EventSourceFilter PROJECT =
      EventSourceFilter.of(
          SamTemplate.load(Path.of(System.getProperty("frontdoor.root", ".."), "template.yaml"))
              .tableStreamFilterPatterns());

  @Test
  void projectFilter_passesTheChangesThatBecomeEvents() throws Exception {
    assertThat(PROJECT.matches(record("INSERT", "message"))).isTrue();
    assertThat(PROJECT.matches(record("MODIFY", "message"))).isTrue();
    assertThat(PROJECT.matches(record("MODIFY", "call"))).isTrue();
    assertThat(PROJECT.matches(record("INSERT", "call"))).isTrue();
    assertThat(PROJECT.matches(record("MODIFY", "tombstone"))).isTrue();
  }

  @Test
  void projectFilter_leavesOutLookupsLimiterStateAndDeletes() throws Exception {
    assertThat(PROJECT.matches(record("INSERT", "lookup"))).isFalse();
    assertThat(PROJECT.matches(record("MODIFY", "rate"))).isFalse();
    assertThat(PROJECT.matches(record("MODIFY", "pacing"))).isFalse();
    assertThat(PROJECT.matches(record("REMOVE", "message"))).isFalse();
    assertThat(PROJECT.matches(JsonTrees.read("{\"eventName\":\"INSERT\",\"dynamodb\":{}}")))
        .isFalse();
  }

  @Test
  void patterns_areAlternatives_andNoPatternPassesEverything() throws Exception {
    EventSourceFilter either =
        EventSourceFilter.of(
            List.of("{\"eventName\":[\"INSERT\"]}", "{\"eventName\":[\"REMOVE\"]}"));

    assertThat(either.matches(record("REMOVE", "message"))).isTrue();
    assertThat(either.matches(record("MODIFY", "message"))).isFalse();
    assertThat(EventSourceFilter.of(List.of()).matches(record("MODIFY", "rate"))).isTrue();
  }

  @Test
  void operatorsOtherThanExactValues_areRefusedNotMatchedWrongly() {
    assertThatThrownBy(() -> EventSourceFilter.of(List.of("{\"eventName\":[{\"prefix\":\"IN\"}]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/eventName");
    assertThatThrownBy(() -> EventSourceFilter.of(List.of("{\"eventName\":\"INSERT\"}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode record(String eventName, String entity) throws Exception {
    return JsonTrees.read(
        "{\"eventName\":\"%s\",\"dynamodb\":{\"NewImage\":{\"entity\":{\"S\":\"%s\"}}}}"
            .formatted(eventName, entity));
  }
}
