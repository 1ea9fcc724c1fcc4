package dev.frontdoor.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names SAM documents as referenceable although no resource in the template carries them
 * ("Referencing generated CloudFormation resources" in the SAM developer guide). Only the ones
 * whose generating condition holds are returned, so a reference to a role SAM will not create (the
 * function sets Role) or an alias it will not publish still counts as dangling.
 */
final class SamGeneratedNames {
  private SamGeneratedNames() {}

  static Set<String> of(Template template) {
    Set<String> names = new LinkedHashSet<>();
    for (String id : template.resources().keySet()) {
      switch (template.type(id)) {
        case Template.SAM_FUNCTION -> addFunctionNames(template, id, names);
        case "AWS::Serverless::Api" -> {
          names.add(id + ".Stage");
          names.add(id + ".Deployment");
        }
        case "AWS::Serverless::HttpApi" -> names.add(id + ".Stage");
        default -> {}
      }
    }
    return names;
  }

  private static void addFunctionNames(Template template, String id, Set<String> names) {
    Map<String, Object> properties = template.properties(id);
    if (!properties.containsKey("Role")) {
      names.add(id + "Role");
    }
    if (template.functionSetting(id, "AutoPublishAlias").isPresent()) {
      names.add(id + ".Alias");
      names.add(id + ".Version");
    }
    // FunctionUrlConfig makes SAM create an AWS::Lambda::Url named <function>Url.
    if (properties.containsKey("FunctionUrlConfig")) {
      names.add(id + "Url");
    }
    // An API event without an explicit API attaches to the API SAM creates for the whole stack.
    for (Object event : Maps.map(properties.get("Events")).values()) {
      Object type = Maps.map(event).get("Type");
      Map<String, Object> eventProperties = Maps.map(Maps.map(event).get("Properties"));
      if ("HttpApi".equals(type) && !eventProperties.containsKey("ApiId")) {
        names.add("ServerlessHttpApi");
      }
      if ("Api".equals(type) && !eventProperties.containsKey("RestApiId")) {
        names.add("ServerlessRestApi");
      }
    }
  }
}
