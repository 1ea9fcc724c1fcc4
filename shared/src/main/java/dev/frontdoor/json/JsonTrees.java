package dev.frontdoor.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON trees read and written with Jackson's streaming parser and generator, as {@code
 * ObjectMapper.readTree} and {@code writeValueAsString} would, without an {@code ObjectMapper}:
 * building the first mapper of a JVM loads some 400 classes and costs ~150 ms of CPU with Lambda's
 * C1-only flags, a third of a function's cold start (docs: README "Cold start"). The tree classes
 * ({@code ObjectNode} and the like) are cheap; the mapper's configuration, type factory and
 * serializer caches are not. Values that are not JSON trees or plain Java values (maps with string
 * keys, collections, strings, numbers, booleans, null) fall back to a mapper built on first use.
 *
 * <p>The one implementation for the core and the Lambda handlers alike: this package is Jackson
 * used one way and names nothing of the project, so the dependency rules let both use it.
 */
public final class JsonTrees {
  /** An {@code ObjectMapper}'s own defaults: the same stream-read constraints and features. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** An empty object node, to build an answer in. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * The one mapper, for Java objects (records) that only a mapper can turn into JSON; built when
   * first asked for, so a request that never needs one never pays for it.
   */
  public static ObjectMapper mapper() {
    return Fallback.MAPPER;
  }

  /** As {@code new ObjectMapper().readTree(body)}: empty content is a {@link MissingNode}. */
  public static JsonNode read(byte[] body) throws IOException {
    return read(FACTORY, body, false);
  }

  public static JsonNode read(String body) throws IOException {
    try (JsonParser parser = FACTORY.createParser(body)) {
      return root(parser, false);
    }
  }

  /** Reads one value from {@code in}, and closes it (as the mapper does). */
  public static JsonNode read(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      return root(parser, false);
    }
  }

  /**
   * With a factory of the caller's own (tighter stream-read constraints); {@code failOnTrailing}
   * refuses content after the first value, as {@code FAIL_ON_TRAILING_TOKENS} does.
   */
  public static JsonNode read(JsonFactory factory, byte[] body, boolean failOnTrailing)
      throws IOException {
    try (JsonParser parser = factory.createParser(body)) {
      return root(parser, failOnTrailing);
    }
  }

  private static JsonNode root(JsonParser parser, boolean failOnTrailing) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return MissingNode.getInstance();
    }
    JsonNode value = value(parser, first);
    if (failOnTrailing && parser.nextToken() != null) {
      throw new JsonParseException(parser, "trailing content after the JSON value");
    }
    return value;
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = NODES.objectNode();
          JsonToken next;
          while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            // A repeated key keeps its last value, in its first place: the mapper's default.
            object.replace(name, value(parser, parser.nextToken()));
          }
          expect(parser, next, JsonToken.END_OBJECT);
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = NODES.arrayNode();
          JsonToken next;
          while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (next == null) {
              throw new JsonParseException(parser, "unexpected end of content in an array");
            }
            array.add(value(parser, next));
          }
          return array;
        }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
            ? NODES.numberNode(parser.getDecimalValue())
            : NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  private static void expect(JsonParser parser, JsonToken seen, JsonToken wanted)
      throws IOException {
    if (seen != wanted) {
      throw new JsonParseException(parser, "expected " + wanted + " but saw " + seen);
    }
  }

  /**
   * A JSON value as plain Java values (maps in their order, lists, strings, numbers, booleans,
   * null), as {@code convertValue(node, Object.class)} gives them: integers as Integer, Long or
   * BigInteger, fractions as Double.
   */
  public static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return plainObject(node);
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>(node.size());
      node.forEach(item -> items.add(plain(item)));
      return items;
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  /** An object node's fields as a map in their order. */
  public static Map<String, Object> plainObject(JsonNode node) {
    Map<String, Object> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> values.put(field.getKey(), plain(field.getValue())));
    return values;
  }

  /** As {@code new ObjectMapper().writeValueAsString(value)}. */
  public static String write(Object value) {
    return write(value, false);
  }

  /** As a mapper with {@code ORDER_MAP_ENTRIES_BY_KEYS} writes it: every map by its keys. */
  public static String writeSorted(Object value) {
    return write(value, true);
  }

  private static String write(Object value, boolean sorted) {
    if (!isPlain(value)) {
      return Fallback.write(value, sorted);
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value, sorted);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** As {@code writeValueAsBytes}: UTF-8. */
  public static byte[] writeBytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** As {@code writeValue(out, value)}: UTF-8, and {@code out} closed after. */
  public static void write(Object value, OutputStream out) throws IOException {
    if (!isPlain(value)) {
      try (out) {
        out.write(Fallback.write(value, false).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return;
    }
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value, false);
    }
  }

  /**
   * Whether {@link #write(JsonGenerator, Object, boolean)} writes all of it as the mapper would.
   */
  private static boolean isPlain(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof JsonNode) {
      return !(value instanceof JsonNode node) || isPlainTree(node);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Double
        || value instanceof Float
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String) || !isPlain(entry.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (!isPlain(item)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Trees of JSON values only: a node holding a Java object (POJO) needs the mapper. */
  private static boolean isPlainTree(JsonNode node) {
    if (node.isPojo() || node.isBinary() || node.isMissingNode()) {
      return false;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (!isPlainTree(child)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void write(JsonGenerator out, Object value, boolean sorted) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Boolean flag) {
      out.writeBoolean(flag);
    } else if (value instanceof JsonNode node) {
      writeTree(out, node);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      out.writeNumber(number);
    } else if (value instanceof Double number) {
      out.writeNumber(number);
    } else if (value instanceof Float number) {
      out.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      out.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      out.writeNumber(number);
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : (sorted ? new TreeMap<>(map) : map).entrySet()) {
        out.writeFieldName((String) entry.getKey());
        write(out, entry.getValue(), sorted);
      }
      out.writeEndObject();
    } else {
      out.writeStartArray();
      for (Object item : (Collection<?>) value) {
        write(out, item, sorted);
      }
      out.writeEndArray();
    }
  }

  /** A tree of JSON values, as the mapper's node serializers write it. */
  private static void writeTree(JsonGenerator out, JsonNode node) throws IOException {
    if (node.isObject()) {
      out.writeStartObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.writeFieldName(field.getKey());
        writeTree(out, field.getValue());
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode item : node) {
        writeTree(out, item);
      }
      out.writeEndArray();
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isNumber()) {
      switch (node.numberType()) {
        case INT -> out.writeNumber(node.intValue());
        case LONG -> out.writeNumber(node.longValue());
        case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
        case FLOAT -> out.writeNumber(node.floatValue());
        case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
        default -> out.writeNumber(node.doubleValue());
      }
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else {
      out.writeNull();
    }
  }

  /** A mapper for what is not plain JSON, built only if such a value is ever written. */
  private static final class Fallback {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String write(Object value, boolean sorted) {
      try {
        return (sorted ? Sorted.MAPPER : MAPPER).writeValueAsString(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Apart from {@link Fallback}: asking for the plain mapper must not build this one too. */
  private static final class Sorted {
    private static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }
}
