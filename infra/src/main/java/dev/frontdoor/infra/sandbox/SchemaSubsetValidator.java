package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON Schema keywords the Message schema uses, and no others: {@code $ref} (local {@code
 * #/$defs/...}), {@code allOf}, {@code oneOf}, {@code anyOf}, OpenAPI's {@code discriminator} (with
 * {@code oneOf}/{@code anyOf}), {@code type} (one or several), {@code enum}, {@code const}, {@code
 * required}, {@code properties}, {@code additionalProperties}, {@code items}, {@code min/maxItems},
 * {@code min/maxLength}, {@code pattern}, {@code minimum/maximum}. Annotations ({@code format},
 * {@code description}, {@code example}, {@code default}) are ignored, as JSON Schema 2020-12 does
 * by default.
 *
 * <p>One deliberate difference from strict JSON Schema: {@code additionalProperties: false} in one
 * {@code allOf} branch also admits the properties its sibling branches declare. The spec writes
 * every message type as {@code allOf: [BaseMessageProperties, {additionalProperties: false, ...}]},
 * which read strictly would refuse {@code to} and {@code messaging_product} in every message; the
 * intent (what 2020-12 spells {@code unevaluatedProperties: false}) is what is checked here.
 */
final class SchemaSubsetValidator {
  static final Set<String> KEYWORDS =
      Set.of(
          "$ref",
          "$defs",
          "$schema",
          "allOf",
          "oneOf",
          "anyOf",
          "discriminator",
          "type",
          "enum",
          "const",
          "required",
          "properties",
          "additionalProperties",
          "items",
          "minItems",
          "maxItems",
          "minLength",
          "maxLength",
          "pattern",
          "minimum",
          "maximum");
  static final Set<String> ANNOTATIONS =
      Set.of("format", "description", "example", "examples", "default", "title", "deprecated");

  private static final int MAX_DEPTH = 64;

  private final JsonNode root;

  SchemaSubsetValidator(JsonNode root) {
    this.root = root;
  }

  List<String> validate(JsonNode instance) {
    List<String> problems = new ArrayList<>();
    check(instance, root, "", Set.of(), problems, 0);
    return List.copyOf(new LinkedHashSet<>(problems));
  }

  private void check(
      JsonNode value,
      JsonNode schema,
      String path,
      Set<String> siblings,
      List<String> out,
      int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("schema nesting too deep at " + display(path));
    }
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        out.add("Param " + display(path) + " is not allowed.");
      }
      return;
    }
    if (schema.has("$ref")) {
      check(value, resolve(schema.get("$ref").asText()), path, siblings, out, depth + 1);
    }
    Set<String> names = new LinkedHashSet<>(siblings);
    names.addAll(declaredNames(schema, 0));
    for (JsonNode branch : schema.path("allOf")) {
      check(value, branch, path, names, out, depth + 1);
    }
    if (schema.has("discriminator") && (schema.has("oneOf") || schema.has("anyOf"))) {
      discriminate(value, schema, path, names, out, depth);
    } else {
      if (schema.has("oneOf")) {
        alternatives(value, schema.get("oneOf"), true, path, names, out, depth);
      }
      if (schema.has("anyOf")) {
        alternatives(value, schema.get("anyOf"), false, path, names, out, depth);
      }
    }
    if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
      out.add(
          subject(path)
              + " must be "
              + expectedTypes(schema.get("type"))
              + ", not "
              + kind(value)
              + ".");
      return;
    }
    if (schema.has("const") && !same(value, schema.get("const"))) {
      out.add(subject(path) + " must be " + schema.get("const") + " - got " + value + ".");
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      out.add(
          subject(path) + " must be one of " + list(schema.get("enum")) + " - got " + value + ".");
    }
    if (value.isTextual()) {
      text(value.textValue(), schema, path, out);
    } else if (value.isNumber()) {
      number(value, schema, path, out);
    } else if (value.isObject()) {
      object(value, schema, path, names, out, depth);
    } else if (value.isArray()) {
      array(value, schema, path, out, depth);
    }
  }

  private void text(String text, JsonNode schema, String path, List<String> out) {
    int length = text.codePointCount(0, text.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      out.add(
          subject(path)
              + " is too long: "
              + length
              + " characters, at most "
              + schema.get("maxLength").asInt()
              + ".");
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      out.add(
          subject(path)
              + " is too short: at least "
              + schema.get("minLength").asInt()
              + " characters.");
    }
    if (schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
      out.add(subject(path) + " must match " + schema.get("pattern").asText() + ".");
    }
  }

  private void number(JsonNode value, JsonNode schema, String path, List<String> out) {
    if (schema.has("minimum")
        && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
      out.add(subject(path) + " must be at least " + schema.get("minimum") + ".");
    }
    if (schema.has("maximum")
        && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
      out.add(subject(path) + " must be at most " + schema.get("maximum") + ".");
    }
  }

  private void object(
      JsonNode value,
      JsonNode schema,
      String path,
      Set<String> names,
      List<String> out,
      int depth) {
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        out.add("The parameter " + join(path, required.asText()) + " is required.");
      }
    }
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (properties.has(name)) {
        check(field.getValue(), properties.get(name), join(path, name), Set.of(), out, depth + 1);
        continue;
      }
      JsonNode additional = schema.get("additionalProperties");
      if (additional == null || names.contains(name)) {
        continue;
      }
      if (additional.isBoolean() && !additional.booleanValue()) {
        out.add(
            "Unexpected key \""
                + name
                + "\" on param "
                + (path.isEmpty() ? "\"message\"" : "\"" + path + "\"")
                + ".");
      } else if (additional.isObject()) {
        check(field.getValue(), additional, join(path, name), Set.of(), out, depth + 1);
      }
    }
  }

  private void array(JsonNode value, JsonNode schema, String path, List<String> out, int depth) {
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      out.add(
          subject(path)
              + " must have at least "
              + schema.get("minItems").asInt()
              + " item(s), not "
              + value.size()
              + ".");
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      out.add(
          subject(path)
              + " must have at most "
              + schema.get("maxItems").asInt()
              + " item(s), not "
              + value.size()
              + ".");
    }
    if (schema.has("items") && schema.get("items").isObject()) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]", Set.of(), out, depth + 1);
      }
    }
  }

  private void alternatives(
      JsonNode value,
      JsonNode branches,
      boolean exactlyOne,
      String path,
      Set<String> names,
      List<String> out,
      int depth) {
    List<Integer> matched = new ArrayList<>();
    List<String> firstProblems = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      List<String> problems = new ArrayList<>();
      check(value, branches.get(i), path, names, problems, depth + 1);
      if (problems.isEmpty()) {
        matched.add(i + 1);
      } else {
        firstProblems.add("(" + (i + 1) + ") " + problems.get(0));
      }
    }
    if (matched.isEmpty()) {
      out.add(
          subject(path)
              + " matches none of its "
              + branches.size()
              + " allowed forms: "
              + String.join(" ", firstProblems));
    } else if (exactlyOne && matched.size() > 1) {
      out.add(
          subject(path)
              + " matches more than one of its allowed forms "
              + matched
              + "; it must match exactly one.");
    }
  }

  /** OpenAPI's discriminator: the named property picks the one alternative to check against. */
  private void discriminate(
      JsonNode value,
      JsonNode schema,
      String path,
      Set<String> names,
      List<String> out,
      int depth) {
    JsonNode discriminator = schema.get("discriminator");
    String property = discriminator.path("propertyName").asText();
    JsonNode branches = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
    if (!value.isObject()) {
      return; // the type keyword, or the branches' own, reports it
    }
    JsonNode selector = value.get(property);
    Map<String, String> mapping = mapping(discriminator, branches);
    String target =
        selector != null && selector.isTextual() ? mapping.get(selector.textValue()) : null;
    if (target != null && isResolvable(target)) {
      check(value, resolve(target), path, names, out, depth + 1);
      return;
    }
    if (selector == null) {
      out.add("The parameter " + join(path, property) + " is required.");
    } else {
      out.add(
          "Param "
              + display(join(path, property))
              + " must be one of "
              + mapping.keySet().stream().collect(Collectors.joining(", ", "{", "}"))
              + " - got "
              + selector
              + ".");
    }
    out.addAll(commonProblems(value, branches, path, names, depth));
  }

  /** The problems every alternative reports: those that no choice of alternative would fix. */
  private List<String> commonProblems(
      JsonNode value, JsonNode branches, String path, Set<String> names, int depth) {
    Set<String> common = null;
    for (JsonNode branch : branches) {
      List<String> problems = new ArrayList<>();
      check(value, branch, path, names, problems, depth + 1);
      if (common == null) {
        common = new LinkedHashSet<>(problems);
      } else {
        common.retainAll(problems);
      }
    }
    return common == null ? List.of() : List.copyOf(common);
  }

  private Map<String, String> mapping(JsonNode discriminator, JsonNode branches) {
    Map<String, String> mapping = new java.util.LinkedHashMap<>();
    if (discriminator.has("mapping")) {
      discriminator
          .get("mapping")
          .fields()
          .forEachRemaining(e -> mapping.put(e.getKey(), e.getValue().asText()));
    } else {
      for (JsonNode branch : branches) {
        String ref = branch.path("$ref").asText();
        mapping.put(ref.substring(ref.lastIndexOf('/') + 1), ref);
      }
    }
    return mapping;
  }

  /** Property names a schema declares, itself and through its allOf branches and references. */
  private Set<String> declaredNames(JsonNode schema, int depth) {
    Set<String> names = new LinkedHashSet<>();
    if (depth > MAX_DEPTH || !schema.isObject()) {
      return names;
    }
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    if (schema.has("$ref")) {
      names.addAll(declaredNames(resolve(schema.get("$ref").asText()), depth + 1));
    }
    for (JsonNode branch : schema.path("allOf")) {
      names.addAll(declaredNames(branch, depth + 1));
    }
    return names;
  }

  private boolean isResolvable(String ref) {
    return ref.startsWith("#") && !root.at(ref.substring(1)).isMissingNode();
  }

  private JsonNode resolve(String ref) {
    if (!isResolvable(ref)) {
      throw new IllegalStateException("unresolvable $ref " + ref);
    }
    return root.at(ref.substring(1));
  }

  private static boolean typeMatches(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(value, one)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "number" -> value.isNumber();
      case "integer" ->
          value.isIntegralNumber()
              || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      default -> throw new IllegalStateException("unknown JSON type " + type);
    };
  }

  private static String expectedTypes(JsonNode type) {
    if (!type.isArray()) {
      return article(type.asText());
    }
    List<String> all = new ArrayList<>();
    type.forEach(t -> all.add(article(t.asText())));
    return String.join(" or ", all);
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String kind(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    } else if (value.isArray()) {
      return "an array";
    } else if (value.isTextual()) {
      return "a string";
    } else if (value.isBoolean()) {
      return "a boolean";
    } else if (value.isNull()) {
      return "null";
    }
    return "a number";
  }

  private static boolean contains(JsonNode options, JsonNode value) {
    for (JsonNode option : options) {
      if (same(option, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String list(JsonNode options) {
    List<String> values = new ArrayList<>();
    options.forEach(o -> values.add(o.isTextual() ? o.textValue() : o.toString()));
    return values.stream().collect(Collectors.joining(", ", "{", "}"));
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String display(String path) {
    return path.isEmpty() ? "message" : path;
  }

  private static String subject(String path) {
    return path.isEmpty() ? "The request body" : "Param " + path;
  }
}
