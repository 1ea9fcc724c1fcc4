package dev.frontdoor.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error answers every handler gives, byte for byte as before. */
class HttpApiResponseTest {

  @Test
  void error_bodyNamesStatusAndMessage_escaped() {
    HttpApiResponse response = HttpApiResponse.error(400, "to: \"x\" is not a number");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers()).containsEntry("content-type", "application/json");
    assertThat(response.body())
        .isEqualTo("{\"error\":{\"status\":400,\"message\":\"to: \\\"x\\\" is not a number\"}}");
  }

  @Test
  void storeUnavailable_is503WithRetryAfter() {
    HttpApiResponse response = HttpApiResponse.storeUnavailable();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("retry-after", "5");
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"status\":503,\"message\":\"storage is unavailable; nothing was stored,"
                + " retry later\"}}");
  }
}
