package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

  @Test
  void queryParameters_decodedAndRepeatsJoinedByComma_likeApiGateway() {
    assertThat(HttpApiEvents.queryParameters("hub.mode=subscribe&a=1&a=2&e=%2B27%20x&flag"))
        .containsEntry("hub.mode", "subscribe")
        .containsEntry("a", "1,2")
        .containsEntry("e", "+27 x")
        .containsEntry("flag", "");
  }

  @Test
  void queryParameters_malformedEscape_keptRawNotACrash() {
    assertThat(HttpApiEvents.queryParameters("x=%zz")).containsEntry("x", "%zz");
  }
}
