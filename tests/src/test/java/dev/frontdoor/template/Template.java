package dev.frontdoor.template;

import dev.frontdoor.infra.template.CfnYaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded template: the plain maps {@link CfnYaml} produces, with the look-ups every check needs.
 * The maps are live, so tests mutate them to build broken variants.
 */
final class Template {
  static final String SAM_FUNCTION = "AWS::Serverless::Function";

  private final Map<String, Object> root;

  Template(Map<String, Object> root) {
    this.root = root;
  }

  static Template load(Path file) {
    return new Template(CfnYaml.load(file));
  }

  Map<String, Object> root() {
    return root;
  }

  Map<String, Object> section(String name) {
    return Maps.map(root.get(name));
  }

  Map<String, Object> resources() {
    return section("Resources");
  }

  Map<String, Object> resource(String logicalId) {
    return Maps.map(resources().get(logicalId));
  }

  /** The Properties map of a resource; empty when absent, so reads never need null checks. */
  Map<String, Object> properties(String logicalId) {
    return Maps.map(resource(logicalId).get("Properties"));
  }

  String type(String logicalId) {
    return resource(logicalId).get("Type") instanceof String type ? type : "";
  }

  /** The resources of one type, logical id to Properties, in template order. */
  Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    for (String id : resources().keySet()) {
      if (type(id).equals(type)) {
        found.put(id, properties(id));
      }
    }
    return found;
  }

  /** A SAM function's setting: its own property, else the one in {@code Globals.Function}. */
  Optional<Object> functionSetting(String logicalId, String property) {
    Object own = properties(logicalId).get(property);
    if (own != null) {
      return Optional.of(own);
    }
    return Optional.ofNullable(Maps.map(section("Globals").get("Function")).get(property));
  }
}
