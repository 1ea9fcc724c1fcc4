package dev.frontdoor.functions.http;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The functions' JSON: Lambda events and answers read and written as trees with Jackson's streaming
 * parser and generator, exactly as an ObjectMapper's {@code readTree} and {@code writeValue} do,
 * but without building one: the first mapper of a JVM costs ~150 ms of CPU with Lambda's flags
 * (README "Cold start"). The core's {@code dev.frontdoor.common.JsonTrees} does the same for the
 * use cases; the dependency rule keeps handlers off it, hence this short twin. One ObjectMapper,
 * built on first use, writes the read APIs' views (records).
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** The mapper for Java objects (records) written as JSON; built when first asked for. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** One JSON value from {@code in} (closed after); empty content is a missing node. */
  public static JsonNode read(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      return first == null ? MissingNode.getInstance() : value(parser, first);
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = NODES.objectNode();
          JsonToken next;
          while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.replace(name, value(parser, parser.nextToken()));
          }
          if (next != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + next + " in an object");
          }
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
        return NODES.numberNode(parser.getDoubleValue());
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

  /** As {@code writeValueAsString(tree)}. */
  public static String write(JsonNode tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A UTF-8 generator on {@code out}, which closing it closes. */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /** As {@code writeValue(out, tree)}: UTF-8, and {@code out} closed after. */
  public static void write(JsonNode tree, OutputStream out) throws IOException {
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, tree);
    }
  }

  private static void write(JsonGenerator out, JsonNode node) throws IOException {
    if (node.isObject()) {
      out.writeStartObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.writeFieldName(field.getKey());
        write(out, field.getValue());
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode item : node) {
        write(out, item);
      }
      out.writeEndArray();
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isNumber()) {
      switch (node.numberType()) {
        case INT -> out.writeNumber(node.intValue());
        case LONG -> out.writeNumber(node.longValue());
        case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
        case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
        default -> out.writeNumber(node.doubleValue());
      }
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else if (node.isNull() || node.isMissingNode()) {
      out.writeNull();
    } else {
      // A node holding a Java object or bytes: the mapper's serializers know it.
      out.writeRawValue(mapper().writeValueAsString(node));
    }
  }

  static String errorBody(int status, String message) {
    ObjectNode root = object();
    ObjectNode error = root.putObject("error");
    error.put("status", status);
    error.put("message", message);
    return write(root);
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
