package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Lambda function URL the template opens: one without IAM auth ({@code AuthType: NONE}, the
 * handler's own check being its protection) must reserve concurrency, which caps what a flood can
 * run and cost (an HTTP API's throttle does not apply to a function URL); and each URL is an output
 * ({@code !GetAtt <function>Url.FunctionUrl}), or nobody could find it after a deploy.
 */
final class FunctionUrlCheck implements TemplateCheck {

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    for (String id : template.resourcesOfType(Template.SAM_FUNCTION).keySet()) {
      Map<String, Object> properties = template.properties(id);
      if (!properties.containsKey("FunctionUrlConfig")) {
        continue;
      }
      Object auth = Maps.map(properties.get("FunctionUrlConfig")).get("AuthType");
      if ("NONE".equals(auth) && !properties.containsKey("ReservedConcurrentExecutions")) {
        problems.add(
            id
                + ".Properties.ReservedConcurrentExecutions: missing; a function URL with AuthType"
                + " NONE needs a cap (no HTTP API throttle applies to it)");
      }
      if (!hasUrlOutput(template, id)) {
        problems.add(
            "Outputs: no output is !GetAtt %sUrl.FunctionUrl (%s has a function URL)"
                .formatted(id, id));
      }
    }
    return problems;
  }

  private static boolean hasUrlOutput(Template template, String functionId) {
    for (Object output : template.section("Outputs").values()) {
      boolean names =
          Intrinsics.getAtt(Maps.map(output).get("Value"))
              .filter(parts -> parts.equals(List.of(functionId + "Url", "FunctionUrl")))
              .isPresent();
      if (names) {
        return true;
      }
    }
    return false;
  }
}
