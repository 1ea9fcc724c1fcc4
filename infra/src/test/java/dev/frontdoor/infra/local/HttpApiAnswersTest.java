package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function's payload 2.0 answer as the local runtime sends it back. */
class HttpApiAnswersTest {
  @Test
  void answer_givesStatusHeadersCookiesAndBody() throws Exception {
    HttpApiAnswers.Answer answer =
        read("{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\",\"x-n\":7},"
                + "\"cookies\":[\"a=1\",\"b=2\"],\"extra\":{\"nested\":[1,{\"x\":2}]},"
                + "\"body\":\"{\\\"new\\\":1}\",\"isBase64Encoded\":false}")
            .orElseThrow();

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.headers())
        .containsExactly(Map.entry("content-type", "application/json"), Map.entry("x-n", "7"));
    assertThat(answer.cookies()).containsExactly("a=1", "b=2");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"new\":1}");
  }

  @Test
  void base64Body_isDecoded_andAMissingOrNullBodyIsEmpty() throws Exception {
    assertThat(
            read("{\"statusCode\":200,\"body\":\"/w==\",\"isBase64Encoded\":true}")
                .orElseThrow()
                .body())
        .containsExactly((byte) 0xff);
    assertThat(read("{\"statusCode\":204}").orElseThrow().body()).isEmpty();
    assertThat(read("{\"statusCode\":200,\"body\":null}").orElseThrow().body()).isEmpty();
    assertThat(read("{\"body\":\"x\",\"statusCode\":\"404\"}").orElseThrow().status())
        .isEqualTo(404);
  }

  @Test
  void somethingElseThanAnAnswer_isSentAsItIs_andMalformedJsonIsAnError() throws Exception {
    assertThat(read("{\"body\":\"no status\"}")).isEmpty();
    assertThat(read("[1,2]")).isEmpty();
    assertThat(read("\"text\"")).isEmpty();
    assertThat(HttpApiAnswers.read(new byte[0])).isEmpty();
    assertThatThrownBy(() -> read("{\"statusCode\":200,")).isInstanceOf(IOException.class);
  }

  private static java.util.Optional<HttpApiAnswers.Answer> read(String json) throws IOException {
    return HttpApiAnswers.read(json.getBytes(StandardCharsets.UTF_8));
  }
}
