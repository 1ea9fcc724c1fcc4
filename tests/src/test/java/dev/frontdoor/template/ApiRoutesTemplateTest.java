package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.functions.ApiRoute;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The /v1 API's routes are declared twice: as the ApiFunction's HttpApi events in template.yaml
 * (the HTTP API's route keys) and as {@link ApiRoute}, the table the handler routes a function
 * URL's paths by. They must be the same routes, or one entry point would answer what the other
 * cannot.
 */
class ApiRoutesTemplateTest {

  @Test
  void apiFunctionEvents_areExactlyTheHandlersRouteTable() {
    // GIVEN the template as committed
    Template template = TemplateFixtures.projectTemplate();

    // WHEN the ApiFunction's HTTP API routes are read
    List<String> templateRoutes =
        Maps.map(template.properties("ApiFunction").get("Events")).values().stream()
            .map(Maps::map)
            .filter(event -> "HttpApi".equals(event.get("Type")))
            .map(event -> Maps.map(event.get("Properties")))
            .map(ApiRoutesTemplateTest::routeKey)
            .toList();

    // THEN they are the handler's table, route for route
    assertThat(templateRoutes)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ApiRoute.values()).map(route -> route.http().routeKey()).toList());
  }

  @Test
  void apiFunction_hasAnOpenFunctionUrl_cappedByItsOwnParameter() {
    // GIVEN the template as committed
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> api = template.properties("ApiFunction");

    // THEN the URL relies on the bearer check, and its cap is the API's parameter
    assertThat(Maps.map(api.get("FunctionUrlConfig"))).containsEntry("AuthType", "NONE");
    assertThat(api.get("ReservedConcurrentExecutions"))
        .isEqualTo(Map.of("Ref", "ApiReservedConcurrency"));
    assertThat(Maps.map(template.section("Parameters").get("ApiReservedConcurrency")))
        .containsEntry("Type", "Number")
        .containsKey("Default");
    assertThat(Maps.map(template.section("Outputs").get("ApiFunctionUrl")).get("Value"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("ApiFunctionUrl", "FunctionUrl")));
  }

  private static String routeKey(Map<String, Object> properties) {
    return properties.get("Method") + " " + properties.get("Path");
  }
}
