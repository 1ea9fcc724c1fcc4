package dev.frontdoor.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answer written straight to the stream is the JSON the tree used to give. */
class HttpApiCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void write_givesStatusHeadersBodyAndNoBase64() throws Exception {
    HttpApiResponse response =
        HttpApiResponse.json(200, "{\"status\":\"stored\",\"note\":\"h\u00e9 \\\"q\\\"\"}");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HttpApiCodec.write(response, out);

    ObjectNode expected = MAPPER.createObjectNode();
    expected.put("statusCode", 200);
    ObjectNode headers = expected.putObject("headers");
    response.headers().forEach(headers::put);
    expected.put("body", response.body());
    expected.put("isBase64Encoded", false);
    assertThat(MAPPER.readTree(out.toString(StandardCharsets.UTF_8))).isEqualTo(expected);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(MAPPER.writeValueAsString(expected));
  }

  @Test
  void write_nullBody_isEmptyText() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HttpApiCodec.write(new HttpApiResponse(204, java.util.Map.of(), null), out);

    assertThat(MAPPER.readTree(out.toByteArray()).path("body").isTextual()).isTrue();
    assertThat(MAPPER.readTree(out.toByteArray()).path("body").asText()).isEmpty();
  }
}
