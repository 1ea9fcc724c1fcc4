package dev.frontdoor.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates Globals and each {@code AWS::Serverless::*} resource against its own definition in the
 * SAM schema. Validating the whole template against the schema root drowns one typo in the errors
 * of every other branch of the {@code anyOf} over resource types; the same holds for function
 * events, so each event is validated against the definition of its {@code Type} alone.
 */
final class SamSchemaCheck implements TemplateCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GLOBALS = "__main____Globals";

  private final String schemaUri;
  private final JsonNode definitions;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private final Map<String, JsonSchema> compiled = new HashMap<>();

  SamSchemaCheck(Path schemaFile) {
    this.schemaUri = schemaFile.toUri().toString();
    try {
      this.definitions = JSON.readTree(schemaFile.toFile()).path("definitions");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SAM schema " + schemaFile, e);
    }
  }

  @Override
  public List<String> check(Template template) {
    Set<String> problems = new LinkedHashSet<>();
    if (template.root().containsKey("Globals")) {
      validate(GLOBALS, JSON.valueToTree(template.root().get("Globals")), "Globals", problems);
    }
    for (String id : template.resources().keySet()) {
      String type = template.type(id);
      if (type.startsWith("AWS::Serverless::")) {
        checkResource(id, type, JSON.valueToTree(template.resource(id)), problems);
      }
    }
    return new ArrayList<>(problems);
  }

  private void checkResource(String id, String type, JsonNode resource, Set<String> problems) {
    String definition = definitionWithTypeEnum(definitions, resourceDefinitions(), type);
    if (definition == null) {
      problems.add(id + ": " + type + " is not a SAM resource type");
      return;
    }
    JsonNode events = resource.path("Properties").path("Events");
    if (events.isObject() && resource.path("Properties") instanceof ObjectNode properties) {
      properties.remove("Events");
      checkEvents(id, definition, events, problems);
    }
    validate(definition, resource, id, problems);
  }

  private void checkEvents(
      String id, String resourceDefinition, JsonNode events, Set<String> problems) {
    List<String> eventDefinitions = eventDefinitions(resourceDefinition);
    events
        .properties()
        .forEach(
            event -> {
              String where = id + ".Properties.Events." + event.getKey();
              String type = event.getValue().path("Type").asText();
              String definition = definitionWithTypeEnum(definitions, eventDefinitions, type);
              if (definition == null) {
                problems.add(where + ".Type: '" + type + "' is not an event type of this resource");
              } else {
                validate(definition, event.getValue(), where, problems);
              }
            });
  }

  private void validate(String definition, JsonNode instance, String where, Set<String> problems) {
    List<ValidationMessage> messages = new ArrayList<>();
    for (ValidationMessage message : schema(definition).validate(instance)) {
      if (!insideIntrinsic(instance, message.getInstanceLocation())) {
        messages.add(message);
      }
    }
    // SAM writes "string or intrinsic" as anyOf [object, string ...]: a bad string then also fails
    // the object branch. Where a location has a more specific error, its type errors are noise.
    Set<JsonNodePath> specific = new HashSet<>();
    messages.stream()
        .filter(m -> !isTypeError(m))
        .forEach(m -> specific.add(m.getInstanceLocation()));
    messages.stream()
        .filter(m -> !isTypeError(m) || !specific.contains(m.getInstanceLocation()))
        .forEach(m -> problems.add(describe(where, m)));
  }

  private static boolean isTypeError(ValidationMessage message) {
    return "type".equals(message.getType());
  }

  private static String describe(String where, ValidationMessage message) {
    String path = where + dotted(message.getInstanceLocation());
    if ("additionalProperties".equals(message.getType())) {
      return path + "." + message.getProperty() + ": not a property the SAM schema allows here";
    }
    return path + ": " + message.getError();
  }

  /** True when the error sits at or below a {@code Ref}/{@code Fn::*} value: unknowable offline. */
  private static boolean insideIntrinsic(JsonNode instance, JsonNodePath location) {
    JsonNode node = instance;
    for (int i = 0; i <= location.getNameCount(); i++) {
      if (node.isObject()
          && node.size() == 1
          && Intrinsics.isFunctionName(node.fieldNames().next())) {
        return true;
      }
      if (i == location.getNameCount()) {
        break;
      }
      Object element = location.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
    }
    return false;
  }

  private static String dotted(JsonNodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path.append(element instanceof Integer ? "[" + element + "]" : "." + element);
    }
    return path.toString();
  }

  private JsonSchema schema(String definition) {
    return compiled.computeIfAbsent(
        definition,
        name -> factory.getSchema(SchemaLocation.of(schemaUri + "#/definitions/" + name)));
  }

  private List<String> resourceDefinitions() {
    List<String> names = new ArrayList<>();
    definitions
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.endsWith("__Resource")) {
                names.add(name);
              }
            });
    return names;
  }

  /** The event definitions a resource's {@code Events} map accepts: its {@code anyOf} refs. */
  private List<String> eventDefinitions(String resourceDefinition) {
    String properties =
        refName(definitions.path(resourceDefinition).path("properties").path("Properties"));
    List<String> names = new ArrayList<>();
    definitions
        .path(properties)
        .path("properties")
        .path("Events")
        .path("additionalProperties")
        .path("anyOf")
        .forEach(branch -> names.add(refName(branch)));
    return names;
  }

  private static String definitionWithTypeEnum(
      JsonNode definitions, List<String> candidates, String type) {
    for (String name : candidates) {
      for (JsonNode allowed : definitions.path(name).path("properties").path("Type").path("enum")) {
        if (allowed.asText().equals(type)) {
          return name;
        }
      }
    }
    return null;
  }

  /** {@code {"$ref": "#/definitions/X"}} (possibly wrapped in a one-item allOf) to {@code X}. */
  private static String refName(JsonNode node) {
    JsonNode ref = node.has("$ref") ? node.path("$ref") : node.path("allOf").path(0).path("$ref");
    String text = ref.asText();
    return text.substring(text.lastIndexOf('/') + 1);
  }
}
