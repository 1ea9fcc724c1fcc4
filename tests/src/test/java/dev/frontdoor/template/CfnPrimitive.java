package dev.frontdoor.template;

import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Whether a YAML value is acceptable where the specification names a primitive type. */
final class CfnPrimitive {
  private CfnPrimitive() {}

  static boolean matches(String primitive, Object value) {
    return switch (primitive) {
      // CloudFormation turns any scalar into a string, so numbers and booleans are fine here.
      case "String" -> !(value instanceof Map || value instanceof List);
      case "Integer", "Long" -> value instanceof BigInteger || Maps.wholeNumber(value).isPresent();
      case "Double" -> value instanceof Number || isDecimal(value);
      case "Boolean" -> Maps.bool(value).isPresent();
      case "Json" -> value instanceof Map || value instanceof String;
      case "Timestamp" -> value instanceof String || value instanceof Date;
      default -> true;
    };
  }

  /** A short rendering of a value for a problem message. */
  static String describe(Object value) {
    if (value instanceof Map) {
      return "a map";
    }
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  private static boolean isDecimal(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      Double.parseDouble(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
