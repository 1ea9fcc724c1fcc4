package dev.frontdoor.adapter.out.dynamodb;

import dev.frontdoor.common.StoreRejectedException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plain Java values (strings, numbers, booleans, maps, lists) to and from DynamoDB attributes. */
final class AttributeValues {
  private AttributeValues() {}

  /** DynamoDB's limits on a number: 38 significant digits, magnitude 1E-130 to below 1E+126. */
  private static final int MAX_DIGITS = 38;

  private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");
  private static final BigDecimal MAX_MAGNITUDE =
      new BigDecimal("9.9999999999999999999999999999999999999E+125");

  /** Maps and lists nest at most this deep in an item. */
  static final int MAX_NESTING = 32;

  /**
   * The attribute for a value; {@link StoreRejectedException} before any table call when the table
   * would refuse it (a number out of range, nesting too deep), so one bad entry of a webhook can be
   * kept another way instead of failing the whole delivery.
   */
  static AttributeValue of(Object value) {
    return of(value, 0);
  }

  private static AttributeValue of(Object value, int depth) {
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    if (value instanceof AttributeValue attribute) {
      return attribute;
    }
    if (value instanceof String text) {
      return AttributeValue.fromS(text);
    }
    if (value instanceof Boolean flag) {
      return AttributeValue.fromBool(flag);
    }
    if (value instanceof Number number) {
      return AttributeValue.fromN(storable(number).toPlainString());
    }
    if (value instanceof Map<?, ?> map) {
      nested(depth + 1);
      Map<String, AttributeValue> attributes = new LinkedHashMap<>();
      map.forEach((key, item) -> attributes.put(String.valueOf(key), of(item, depth + 1)));
      return AttributeValue.fromM(attributes);
    }
    if (value instanceof Collection<?> items) {
      nested(depth + 1);
      List<AttributeValue> attributes = new ArrayList<>();
      items.forEach(item -> attributes.add(of(item, depth + 1)));
      return AttributeValue.fromL(attributes);
    }
    return AttributeValue.fromS(String.valueOf(value));
  }

  private static void nested(int depth) {
    if (depth > MAX_NESTING) {
      throw new StoreRejectedException(
          "maps and lists nest deeper than " + MAX_NESTING + " levels", null);
    }
  }

  private static BigDecimal storable(Number number) {
    if ((number instanceof Double || number instanceof Float)
        && !Double.isFinite(number.doubleValue())) {
      throw new StoreRejectedException("a number beyond the table's range (infinite)", null);
    }
    BigDecimal decimal = new BigDecimal(number.toString());
    if (decimal.signum() == 0) {
      return decimal;
    }
    BigDecimal magnitude = decimal.abs();
    if (decimal.stripTrailingZeros().precision() > MAX_DIGITS) {
      throw new StoreRejectedException(
          "a number with more than " + MAX_DIGITS + " significant digits", null);
    }
    if (magnitude.compareTo(MIN_MAGNITUDE) < 0 || magnitude.compareTo(MAX_MAGNITUDE) > 0) {
      throw new StoreRejectedException("a number beyond the table's range", null);
    }
    return decimal;
  }

  /** Expression values from name-value pairs: {@code values(":pk", pk, ":now", now)}. */
  static Map<String, AttributeValue> values(Object... pairs) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], of(pairs[i + 1]));
    }
    return values;
  }

  static Object toJava(AttributeValue value) {
    return switch (value.type()) {
      case S -> value.s();
      case N -> number(value.n());
      case BOOL -> value.bool();
      case NUL -> null;
      case M -> toJava(value.m());
      case L -> value.l().stream().map(AttributeValues::toJava).toList();
      case SS -> List.copyOf(value.ss());
      case NS -> value.ns().stream().map(AttributeValues::number).toList();
      default -> null;
    };
  }

  static Map<String, Object> toJava(Map<String, AttributeValue> item) {
    Map<String, Object> values = new LinkedHashMap<>();
    item.forEach((key, value) -> values.put(key, toJava(value)));
    return values;
  }

  private static Object number(String text) {
    BigDecimal number = new BigDecimal(text);
    if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      return number.longValueExact();
    }
    return number.doubleValue();
  }
}
