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
          id
              + ": unknown resource type '"
              + type
              + "' (CloudFormation specification "
              + spec.version()
              + ")");
      return;
    }
    if (!Intrinsics.isIntrinsic(properties)) {
      checkStructure(
          type,
          type,
          resourceSpec.path("Properties"),
          Maps.map(properties),
          id + ".Properties",
          problems);
    }
  }

  private void checkStructure(
      String resourceType,
      String structure,
      JsonNode propertySpecs,
      Map<String, Object> value,
      String where,
      List<String> problems) {
    propertySpecs
        .properties()
        .forEach(
            entry -> {
              if (entry.getValue().path("Required").asBoolean()
                  && !value.containsKey(entry.getKey())) {
                problems.add(
                    where + "." + entry.getKey() + ": required by " + structure + " but missing");
              }
            });
    value.forEach(
        (name, child) -> {
          JsonNode propertySpec = propertySpecs.path(name);
          if (propertySpec.isMissingNode()) {
            problems.add(
                where
                    + "."
                    + name
                    + ": not a property of "
                    + structure
                    + " in the CloudFormation specification "
                    + spec.version());
          } else {
            checkValue(resourceType, propertySpec, child, where + "." + name, problems);
          }
        });
  }

  private void checkValue(
      String resourceType,
      JsonNode propertySpec,
      Object value,
      String where,
      List<String> problems) {
    if (Intrinsics.isIntrinsic(value)) {
      return;
    }
    if (value == null) {
      problems.add(where + ": has no value");
      return;
    }
    String type = propertySpec.path("Type").asText("");
    if (propertySpec.has("PrimitiveType")) {
      checkPrimitive(propertySpec.path("PrimitiveType").asText(), value, where, problems);
    } else if (type.equals("List")) {
      if (!(value instanceof List<?> items)) {
        problems.add(where + ": expected a list, got " + CfnPrimitive.describe(value));
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        checkItem(resourceType, propertySpec, items.get(i), where + "[" + i + "]", problems);
      }
    } else if (type.equals("Map")) {
      if (!(value instanceof Map<?, ?>)) {
        problems.add(where + ": expected a map, got " + CfnPrimitive.describe(value));
        return;
      }
      Maps.map(value)
          .forEach(
              (key, item) ->
                  checkItem(resourceType, propertySpec, item, where + "." + key, problems));
    } else if (!type.isEmpty()) {
      checkNamedType(resourceType, type, value, where, problems);
    }
    // Anything else (PrimitiveTypes/Types: a few polymorphic properties) is accepted as is.
  }

  private void checkItem(
      String resourceType,
      JsonNode propertySpec,
      Object item,
      String where,
      List<String> problems) {
    if (Intrinsics.isIntrinsic(item)) {
      return;
    }
    if (propertySpec.has("PrimitiveItemType")) {
      checkPrimitive(propertySpec.path("PrimitiveItemType").asText(), item, where, problems);
    } else if (propertySpec.has("ItemType")) {
      checkNamedType(resourceType, propertySpec.path("ItemType").asText(), item, where, problems);
    }
  }

  private void checkNamedType(
      String resourceType, String name, Object value, String where, List<String> problems) {
    JsonNode typeSpec = spec.propertyType(resourceType, name);
    if (typeSpec.isMissingNode()) {
      return;
    }
    if (!typeSpec.has("Properties")) {
      // A few property types are aliases of a list or primitive rather than a structure.
      checkValue(resourceType, typeSpec, value, where, problems);
    } else if (value instanceof Map<?, ?>) {
      checkStructure(
          resourceType, name, typeSpec.path("Properties"), Maps.map(value), where, problems);
    } else {
      problems.add(
          where + ": expected a " + name + " structure, got " + CfnPrimitive.describe(value));
    }
  }

  private static void checkPrimitive(
      String primitive, Object value, String where, List<String> problems) {
    if (value == null) {
      problems.add(where + ": has no value");
    } else if (!CfnPrimitive.matches(primitive, value)) {
      problems.add(where + ": expected " + primitive + ", got " + CfnPrimitive.describe(value));
    }
  }
}
