package dev.frontdoor.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The functions' streaming JSON reads and writes what an ObjectMapper did in its place. */
class JsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void eventsAndAnswersAsTheMapperReadAndWroteThem() throws IOException {
    for (String event :
        List.of(
            "{\"version\":\"2.0\",\"headers\":{\"a\":\"b\",\"n\":null},\"isBase64Encoded\":false,"
                + "\"requestContext\":{\"timeEpoch\":1764400000000,\"http\":{\"method\":\"POST\"}},"
                + "\"body\":\"{\\\"x\\\":\\\"\\u00e9\\ud83d\\ude00\\\"}\",\"n\":-1.5e3,\"a\":1,\"a\":2}",
            "{\"Records\":[{\"messageId\":\"m\",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}",
            "[1,12345678901,123456789012345678901234567890,true,false,null,\"s\",[],{}]",
            "")) {
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      JsonNode expected = MAPPER.readTree(bytes);
      JsonNode actual = Json.read(new ByteArrayInputStream(bytes));
      assertThat(actual).as(event).isEqualTo(expected);
      assertThat(Json.write(actual)).as(event).isEqualTo(MAPPER.writeValueAsString(expected));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Json.write(actual, out);
      assertThat(out.toByteArray()).as(event).isEqualTo(MAPPER.writeValueAsBytes(expected));
    }
  }

  @Test
  void refusesWhatTheMapperRefused() {
    for (String bad : List.of("{", "{\"a\":}", "[1,2", "nope", "{\"a\":1,}")) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> MAPPER.readTree(bytes)).as(bad).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> Json.read(new ByteArrayInputStream(bytes)))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void anErrorBodyAsBefore() {
    assertThat(Json.errorBody(400, "to: \"x\" is not a number"))
        .isEqualTo("{\"error\":{\"status\":400,\"message\":\"to: \\\"x\\\" is not a number\"}}");
  }
}
