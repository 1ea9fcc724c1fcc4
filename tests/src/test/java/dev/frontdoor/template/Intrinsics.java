package dev.frontdoor.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises CloudFormation intrinsic functions in their long form. Their values are only known at
 * deploy time, so the type checks skip them and the reference check looks inside them.
 */
final class Intrinsics {
  private Intrinsics() {}

  /** A map whose single key is {@code Ref}, {@code Condition} or {@code Fn::*}. */
  static boolean isIntrinsic(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
      return false;
    }
    return map.keySet().iterator().next() instanceof String key && isFunctionName(key);
  }

  static boolean isFunctionName(String key) {
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }

  /** The {@code [resource, attribute]} of an {@code Fn::GetAtt}, in list or dotted form. */
  static Optional<List<String>> getAtt(Object value) {
    if (!isIntrinsic(value)) {
      return Optional.empty();
    }
    Object target = Maps.map(value).get("Fn::GetAtt");
    if (target instanceof String dotted && dotted.contains(".")) {
      int dot = dotted.indexOf('.');
      return Optional.of(List.of(dotted.substring(0, dot), dotted.substring(dot + 1)));
    }
    List<Object> parts = Maps.list(target);
    if (parts.size() == 2
        && parts.get(0) instanceof String id
        && parts.get(1) instanceof String at) {
      return Optional.of(List.of(id, at));
    }
    return Optional.empty();
  }

  /** The resource an {@code Fn::GetAtt [X, Arn]} names. */
  static Optional<String> arnOf(Object value) {
    return getAtt(value).filter(parts -> parts.get(1).equals("Arn")).map(parts -> parts.get(0));
  }
}
