package dev.frontdoor.adapter.out.dynamodb;

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

  static AttributeValue of(Object value) {
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
      return AttributeValue.fromN(new BigDecimal(number.toString()).toPlainString());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, AttributeValue> attributes = new LinkedHashMap<>();
      map.forEach((key, item) -> attributes.put(String.valueOf(key), of(item)));
      return AttributeValue.fromM(attributes);
    }
    if (value instanceof Collection<?> items) {
      List<AttributeValue> attributes = new ArrayList<>();
      items.forEach(item -> attributes.add(of(item)));
      return AttributeValue.fromL(attributes);
    }
    return AttributeValue.fromS(String.valueOf(value));
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
