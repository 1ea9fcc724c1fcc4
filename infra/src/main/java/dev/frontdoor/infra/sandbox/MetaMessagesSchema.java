package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The request body of Meta's {@code POST /{Version}/{Phone-Number-ID}/messages}, taken from the
 * Business Messaging OpenAPI spec in shared/specs: the {@code Message} schema (a {@code oneOf} of
 * eleven message types with a {@code type} discriminator) and every schema it references, copied
 * into one self-contained JSON Schema document under {@code $defs}, with the corrections listed in
 * {@code sandbox/meta-messages-overlay.yaml}. Checked by {@link SchemaSubsetValidator}.
 */
public final class MetaMessagesSchema {
  public static final String SPEC = "meta/business-messaging-api_v23.0.yaml";
  public static final String PATH = "/{Version}/{Phone-Number-ID}/messages";
  private static final String OVERLAY = "/sandbox/meta-messages-overlay.yaml";
  private static final String COMPONENTS = "#/components/schemas/";
  private static final String DEFS = "#/$defs/";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static volatile MetaMessagesSchema shared;

  private final JsonNode schema;
  private final JsonNode examples;
  private final SchemaSubsetValidator validator;

  private MetaMessagesSchema(JsonNode schema, JsonNode examples) {
    this.schema = schema;
    this.examples = examples;
    this.validator = new SchemaSubsetValidator(schema);
  }

  /** The spec found through {@code frontdoor.specs}, parsed once per JVM (it is 1 MB of YAML). */
  public static MetaMessagesSchema shared() {
    MetaMessagesSchema loaded = shared;
    if (loaded == null) {
      synchronized (MetaMessagesSchema.class) {
        if (shared == null) {
          shared = load(SpecFiles.locate(SPEC));
        }
        loaded = shared;
      }
    }
    return loaded;
  }

  public static MetaMessagesSchema load(Path specFile) {
    JsonNode spec = YamlTrees.read(specFile);
    JsonNode operation = spec.path("paths").path(PATH).path("post");
    if (operation.isMissingNode()) {
      throw new IllegalStateException(specFile + " has no POST " + PATH);
    }
    JsonNode body = dereference(spec, operation.path("requestBody"));
    JsonNode media = body.path("content").path("application/json");
    JsonNode root = media.path("schema");
    if (!root.isObject()) {
      throw new IllegalStateException("POST " + PATH + " has no application/json schema");
    }
    ObjectNode defs = NODES.objectNode();
    collect(spec, root, defs);
    ObjectNode document = ((ObjectNode) rewrite(root)).deepCopy();
    document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    document.set("$defs", defs);
    applyOverlay(defs);
    checkKeywords(document, "");
    return new MetaMessagesSchema(document, media.path("examples"));
  }

  /** The extracted, self-contained JSON Schema (2020-12 layout, {@code $defs}). */
  public JsonNode schema() {
    return schema;
  }

  /** The spec's named request examples for the operation ({@code {name: {value: body}}}). */
  public JsonNode examples() {
    return examples;
  }

  /** Human-readable problems with {@code body}; empty when Meta would accept its shape. */
  public List<String> validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      return List.of("The request body must be a JSON object.");
    }
    JsonNode checked = body;
    if (!body.has("type")) {
      // Meta: "type ... If omitted, defaults to text" (the spec's preview-URL example omits it).
      checked = ((ObjectNode) body.deepCopy()).put("type", "text");
    }
    return validator.validate(checked);
  }

  private static JsonNode dereference(JsonNode spec, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref") && hops < 8; hops++) {
      current = spec.at(current.get("$ref").asText().substring(1));
    }
    return current;
  }

  /** Every components/schemas entry reachable from {@code start}, copied with refs rewritten. */
  private static void collect(JsonNode spec, JsonNode start, ObjectNode defs) {
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(start);
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      if (node.isArray()) {
        node.forEach(pending::push);
      } else if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (field.getKey().equals("$ref")) {
            String ref = field.getValue().asText();
            if (!ref.startsWith(COMPONENTS)) {
              throw new IllegalStateException("unsupported $ref " + ref);
            }
            String name = ref.substring(COMPONENTS.length());
            if (!defs.has(name)) {
              JsonNode target =
                  spec.at("/components/schemas/" + name.replace("~", "~0").replace("/", "~1"));
              if (target.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref);
              }
              defs.set(name, rewrite(target));
              pending.push(target);
            }
          } else if (!field.getKey().equals("discriminator") && !field.getKey().equals("example")) {
            pending.push(field.getValue());
          }
        }
      }
    }
  }

  /**
   * A copy with {@code #/components/schemas/X} references (and discriminator mappings) to {@code
   * #/$defs/X}.
   */
  private static JsonNode rewrite(JsonNode node) {
    if (node.isTextual() && node.textValue().startsWith(COMPONENTS)) {
      return NODES.textNode(DEFS + node.textValue().substring(COMPONENTS.length()));
    } else if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(item -> copy.add(rewrite(item)));
      return copy;
    } else if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey(), rewrite(f.getValue())));
      return copy;
    }
    return node;
  }

  private static void applyOverlay(ObjectNode defs) {
    try (InputStream in = MetaMessagesSchema.class.getResourceAsStream(OVERLAY)) {
      if (in == null) {
        throw new IllegalStateException(OVERLAY + " is missing from the classpath");
      }
      for (JsonNode entry : YamlTrees.read(in)) {
        String pointer = entry.path("at").asText();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = defs.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (!parent.isObject()) {
          throw new IllegalStateException("overlay pointer " + pointer + " does not resolve");
        }
        if (entry.has("set")) {
          ((ObjectNode) parent).set(key, entry.get("set"));
        } else if (entry.path("remove").asBoolean(false)) {
          ((ObjectNode) parent).remove(key);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses keywords the subset validator would silently skip (a newer spec could add them). */
  private static void checkKeywords(JsonNode node, String where) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkKeywords(node.get(i), where + "/" + i);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    TreeSet<String> unknown = new TreeSet<>();
    node.fields()
        .forEachRemaining(
            f -> {
              String key = f.getKey();
              if (SchemaSubsetValidator.ANNOTATIONS.contains(key)
                  || key.equals("enum")
                  || key.equals("const")) {
                return;
              }
              if (!SchemaSubsetValidator.KEYWORDS.contains(key)) {
                unknown.add(key);
              } else if (key.equals("properties") || key.equals("$defs")) {
                f.getValue()
                    .fields()
                    .forEachRemaining(
                        p -> checkKeywords(p.getValue(), where + "/" + key + "/" + p.getKey()));
              } else if (!key.equals("discriminator")
                  && !key.equals("required")
                  && !key.equals("type")) {
                checkKeywords(f.getValue(), where + "/" + key);
              }
            });
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("unsupported schema keywords " + unknown + " at " + where);
    }
  }
}
