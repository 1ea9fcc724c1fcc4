package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.infra.template.SamTemplate.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable table =
      new RouteTable(
          List.of(
              new Route("GET", "/v1/threads/{phone}", "Threads", "a.B::handleRequest"),
              new Route("GET", "/v1/threads/export", "Export", "a.C::handleRequest"),
              new Route("ANY", "/files/{proxy+}", "Files", "a.D::handleRequest"),
              new Route("POST", "/webhooks/whatsapp", "Webhook", "a.E::handleRequest")));

  @Test
  void match_literalSegment_beatsParameter() {
    assertThat(table.match("GET", "/v1/threads/export"))
        .get()
        .extracting(match -> match.route().functionId())
        .isEqualTo("Export");
  }

  @Test
  void match_parameter_isCaptured() {
    RouteTable.Match match = table.match("GET", "/v1/threads/%2B27821234567").orElseThrow();
    assertThat(match.route().functionId()).isEqualTo("Threads");
    assertThat(match.pathParameters()).isEqualTo(Map.of("phone", "%2B27821234567"));
    assertThat(match.routeKey()).isEqualTo("GET /v1/threads/{phone}");
  }

  @Test
  void match_greedyProxyAndAnyMethod() {
    RouteTable.Match match = table.match("DELETE", "/files/a/b/c").orElseThrow();
    assertThat(match.pathParameters()).containsEntry("proxy", "a/b/c");
  }

  @Test
  void match_wrongMethodOrPath_isEmpty() {
    assertThat(table.match("GET", "/webhooks/whatsapp")).isEmpty();
    assertThat(table.match("GET", "/v1/threads")).isEmpty();
    assertThat(table.match("GET", "/v1/threads/a/b")).isEmpty();
    assertThat(table.pathExists("/webhooks/whatsapp")).isTrue();
  }
}
