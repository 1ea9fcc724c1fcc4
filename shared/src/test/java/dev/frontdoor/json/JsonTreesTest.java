package dev.frontdoor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonTrees} reads and writes exactly what an ObjectMapper did in its place. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Objects, arrays, every scalar, numbers of every size, escapes, emoji, repeated keys. */
  private static final List<String> DOCUMENTS =
      List.of(
          "{}",
          "[]",
          "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5}",
          "{\"e\":1e300,\"f\":-0.0,\"g\":0.1,\"h\":2E-7,\"i\":9007199254740993,\"j\":1.0}",
          "{\"t\":true,\"f\":false,\"n\":null,\"s\":\"x\\\"y\\\\z\\n\\u0001\\u00e9 \\ud83d\\ude00\"}",
          "{\"a\":1,\"b\":2,\"a\":3}",
          "{\"nested\":{\"list\":[1,[2,[3,{\"k\":[]}]],{}],\"empty\":\"\"}}",
          "  {\"spaced\" : [ 1 , 2 ] }  ",
          "\"just a string\"",
          "42",
          "[{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"wamid.X\"}]}}]}]}]",
          // What the Lambda handlers read: a payload 2.0 event (with a repeated key) and an SQS
          // event.
          "{\"version\":\"2.0\",\"headers\":{\"a\":\"b\",\"n\":null},\"isBase64Encoded\":false,"
              + "\"requestContext\":{\"timeEpoch\":1764400000000,\"http\":{\"method\":\"POST\"}},"
              + "\"body\":\"{\\\"x\\\":\\\"\\u00e9\\ud83d\\ude00\\\"}\",\"n\":-1.5e3,\"a\":1,\"a\":2}",
          "{\"Records\":[{\"messageId\":\"m\",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}",
          "[1,12345678901,123456789012345678901234567890,true,false,null,\"s\",[],{}]");

  @Test
  void readsTheTreeTheMapperRead() throws IOException {
    for (String document : DOCUMENTS) {
      byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
      JsonNode expected = MAPPER.readTree(bytes);
      for (JsonNode actual :
          List.of(
              JsonTrees.read(bytes),
              JsonTrees.read(document),
              JsonTrees.read(new ByteArrayInputStream(bytes)))) {
        assertThat(actual).as(document).isEqualTo(expected);
        assertThat(actual.getClass()).as(document).isEqualTo(expected.getClass());
        assertThat(JsonTrees.write(actual))
            .as(document)
            .isEqualTo(MAPPER.writeValueAsString(expected));
        // The handlers write their answers to Lambda's stream.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonTrees.write(actual, out);
        assertThat(out.toByteArray()).as(document).isEqualTo(MAPPER.writeValueAsBytes(expected));
        assertThat(JsonTrees.plain(actual))
            .as(document)
            .isEqualTo(MAPPER.convertValue(expected, Object.class));
      }
      assertNumberNodesAlike(JsonTrees.read(bytes), expected, document);
    }
  }

  private static void assertNumberNodesAlike(JsonNode actual, JsonNode expected, String document) {
    assertThat(actual.getNodeType()).as(document).isEqualTo(expected.getNodeType());
    if (expected.isNumber()) {
      assertThat(actual.numberType()).as(document).isEqualTo(expected.numberType());
    }
    List<JsonNode> actualChildren = new ArrayList<>();
    actual.forEach(actualChildren::add);
    List<JsonNode> expectedChildren = new ArrayList<>();
    expected.forEach(expectedChildren::add);
    for (int i = 0; i < expectedChildren.size(); i++) {
      assertNumberNodesAlike(actualChildren.get(i), expectedChildren.get(i), document);
    }
  }

  @Test
  void emptyContentIsAMissingNodeAsForTheMapper() throws IOException {
    assertThat(JsonTrees.read(new byte[0])).isEqualTo(MAPPER.readTree(new byte[0]));
    assertThat(JsonTrees.read(new byte[0]).isMissingNode()).isTrue();
    assertThat(JsonTrees.read("   ")).isEqualTo(MAPPER.readTree("   "));
    JsonNode emptyStream = JsonTrees.read(new ByteArrayInputStream(new byte[0]));
    assertThat(emptyStream.isMissingNode()).isTrue();
    assertThat(JsonTrees.write(emptyStream)).isEqualTo(MAPPER.writeValueAsString(emptyStream));
  }

  @Test
  void refusesWhatTheMapperRefused() {
    for (String bad : List.of("{", "{\"a\":}", "[1,2", "{\"a\" 1}", "nope", "{\"a\":1,}", "[1,]")) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> MAPPER.readTree(bytes)).as(bad).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> JsonTrees.read(bytes)).as(bad).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> JsonTrees.read(new ByteArrayInputStream(bytes)))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void trailingContentAndLimitsAsTheConfiguredMapper() throws IOException {
    JsonFactory tight =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(3).maxNumberLength(5).build())
            .build();
    ObjectMapper strict =
        JsonMapper.builder(tight).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    for (String bad : List.of("{\"a\":1} {}", "{} x", "[[[[1]]]]", "{\"n\":1234567}")) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> strict.readTree(bytes)).as(bad).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> JsonTrees.read(tight, bytes, true))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
    // Without the flag, as the default mapper: the first value, the rest ignored.
    byte[] trailing = "{\"a\":1} {}".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonTrees.read(trailing)).isEqualTo(MAPPER.readTree(trailing));
  }

  @Test
  void writesPlainValuesAsTheMapperDid() throws IOException {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", List.of(2L, 3.5, 1.25f, (short) 4, (byte) 5));
    inner.put("big", new BigInteger("123456789012345678901234567890"));
    inner.put("dec", new BigDecimal("1.10"));
    inner.put("nothing", null);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("type", "text");
    value.put("text", inner);
    value.put("flag", true);
    value.put("tree", MAPPER.readTree("{\"y\":[1,{\"b\":2,\"a\":1}]}"));
    value.put("context", Map.of("message_id", "wamid.é😀"));
    value.put("list", Arrays.asList("a", null, 3));
    assertThat(JsonTrees.write(value)).isEqualTo(MAPPER.writeValueAsString(value));
    assertThat(JsonTrees.writeBytes(value)).isEqualTo(MAPPER.writeValueAsBytes(value));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonTrees.write(value, out);
    assertThat(out.toByteArray()).isEqualTo(MAPPER.writeValueAsBytes(value));
    ObjectMapper sorted =
        JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    assertThat(JsonTrees.writeSorted(value)).isEqualTo(sorted.writeValueAsString(value));
  }

  @Test
  void answersWithRecordsAsValueTreesWrittenAsTheMapperDid() throws IOException {
    // The API's answers: object nodes holding records turned into trees by the one mapper.
    record Summary(String text, float score, double cost, long at, List<Integer> parts) {}
    ObjectNode body = JsonTrees.object();
    body.put("status", "filed");
    body.set(
        "summary",
        JsonTrees.mapper().valueToTree(new Summary("é😀", 0.1f, 0.1, 1L, List.of(1, 2))));
    assertThat(JsonTrees.write(body)).isEqualTo(MAPPER.writeValueAsString(body));
    assertThat(JsonTrees.mapper()).isSameAs(JsonTrees.mapper());
  }

  @Test
  void writesAnythingElseThroughAMapper() throws IOException {
    record View(String id, int count) {}
    Map<String, Object> value = Map.of("view", new View("m1", 2));
    assertThat(JsonTrees.write(value)).isEqualTo(MAPPER.writeValueAsString(value));
    ObjectNode pojo = MAPPER.createObjectNode().putPOJO("view", new View("m2", 3));
    assertThat(JsonTrees.write(pojo)).isEqualTo(MAPPER.writeValueAsString(pojo));
  }
}
