package dev.frontdoor.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every resource that is not {@code AWS::Serverless::*} against the CloudFormation resource
 * specification: known type, known property names, Required properties present, values of the
 * declared primitive or nested type. Intrinsic values are skipped: they resolve at deploy time.
 */
final class CfnSpecCheck implements TemplateCheck {
  private static final Set<String> RESOURCE_ATTRIBUTES =
      Set.of(
          "Type",
          "Properties",
          "DependsOn",
          "Condition",
          "DeletionPolicy",
          "UpdateReplacePolicy",
          "Metadata",
          "CreationPolicy",
          "UpdatePolicy");

  private final CfnSpec spec;

  CfnSpecCheck(CfnSpec spec) {
    this.spec = spec;
  }

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    for (String id : template.resources().keySet()) {
      String type = template.type(id);
      if (!type.startsWith("AWS::Serverless::")) {
        checkResource(id, type, template.resource(id), problems);
      }
    }
    return problems;
  }

  private void checkResource(
      String id, String type, Map<String, Object> resource, List<String> problems) {
    for (String attribute : resource.keySet()) {
      if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
        problems.add(id + "." + attribute + ": not a CloudFormation resource attribute");
      }
    }
    Object properties = resource.get("Properties");
    if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
      // A custom resource's properties are its provider's business; CloudFormation needs only this.
      if (!Maps.map(properties).containsKey("ServiceToken")) {
        problems.add(id + ".Properties.ServiceToken: required for a custom resource");
      }
      return;
    }
    JsonNode resourceSpec = spec.resourceType(type);
    if (resourceSpec.isMissingNode()) {
      problems.add(
          "%s: unknown resource type '%s' (CloudFormation specification %s)"
              .formatted(id, type, spec.version()));
    } else if (!Intrinsics.isIntrinsic(properties)) {
      new ResourceWalk(type, problems)
          .structure(
              type, resourceSpec.path("Properties"), Maps.map(properties), id + ".Properties");
    }
  }

  /** One resource's properties, walked down through lists, maps and nested property types. */
  private final class ResourceWalk {
    private final String resourceType;
    private final List<String> problems;

    ResourceWalk(String resourceType, List<String> problems) {
      this.resourceType = resourceType;
      this.problems = problems;
    }

    void structure(String name, JsonNode propertySpecs, Map<String, Object> value, String where) {
      propertySpecs
          .properties()
          .forEach(
              entry -> {
                if (entry.getValue().path("Required").asBoolean()
                    && !value.containsKey(entry.getKey())) {
                  problems.add(
                      "%s.%s: required by %s but missing".formatted(where, entry.getKey(), name));
                }
              });
      value.forEach(
          (property, child) -> {
            JsonNode propertySpec = propertySpecs.path(property);
            if (propertySpec.isMissingNode()) {
              problems.add(
                  "%s.%s: not a property of %s in the CloudFormation specification %s"
                      .formatted(where, property, name, spec.version()));
            } else {
              value(propertySpec, child, where + "." + property);
            }
          });
    }

    private void value(JsonNode propertySpec, Object value, String where) {
      if (Intrinsics.isIntrinsic(value)) {
        return;
      }
      String type = propertySpec.path("Type").asText("");
      if (propertySpec.has("PrimitiveType")) {
        primitive(propertySpec.path("PrimitiveType").asText(), value, where);
      } else if (type.equals("List")) {
        if (!(value instanceof List<?> items)) {
          problems.add(where + ": expected a list, got " + CfnPrimitive.describe(value));
          return;
        }
        for (int i = 0; i < items.size(); i++) {
          item(propertySpec, items.get(i), where + "[" + i + "]");
        }
      } else if (type.equals("Map")) {
        if (!(value instanceof Map<?, ?>)) {
          problems.add(where + ": expected a map, got " + CfnPrimitive.describe(value));
          return;
        }
        Maps.map(value).forEach((key, item) -> item(propertySpec, item, where + "." + key));
      } else if (!type.isEmpty()) {
        named(type, value, where);
      }
      // Anything else (PrimitiveTypes/Types: a few polymorphic properties) is accepted as is.
    }

    private void item(JsonNode propertySpec, Object item, String where) {
      if (Intrinsics.isIntrinsic(item)) {
        return;
      }
      if (propertySpec.has("PrimitiveItemType")) {
        primitive(propertySpec.path("PrimitiveItemType").asText(), item, where);
      } else if (propertySpec.has("ItemType")) {
        named(propertySpec.path("ItemType").asText(), item, where);
      }
    }

    private void named(String name, Object value, String where) {
      JsonNode typeSpec = spec.propertyType(resourceType, name);
      if (typeSpec.isMissingNode()) {
        return;
      }
      if (!typeSpec.has("Properties")) {
        // A few property types are aliases of a list or primitive rather than a structure.
        value(typeSpec, value, where);
      } else if (value instanceof Map<?, ?>) {
        structure(name, typeSpec.path("Properties"), Maps.map(value), where);
      } else {
        problems.add(
            "%s: expected a %s structure, got %s"
                .formatted(where, name, CfnPrimitive.describe(value)));
      }
    }

    private void primitive(String primitive, Object value, String where) {
      if (value == null) {
        problems.add(where + ": has no value");
      } else if (!CfnPrimitive.matches(primitive, value)) {
        problems.add(
            "%s: expected %s, got %s".formatted(where, primitive, CfnPrimitive.describe(value)));
      }
    }
  }
}
