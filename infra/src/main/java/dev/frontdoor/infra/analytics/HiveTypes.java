package dev.frontdoor.infra.analytics;

import java.util.Locale;
import java.util.Set;

/**
 * The Glue (Hive) type of the export's {@code item} column in DuckDB's words, for {@code
 * read_json(columns=…)}. Athena's JSON SerDe matches keys ignoring case; DuckDB's reader does not,
 * so DynamoDB's type tags ({@code s}, {@code n}, {@code m}, …) are written as the export spells
 * them ({@code S}, {@code N}, {@code M}, …).
 */
final class HiveTypes {
  private static final Set<String> TYPE_TAGS =
      Set.of("s", "n", "b", "bool", "null", "m", "l", "ss", "ns", "bs");

  private final String text;
  private int position;

  private HiveTypes(String text) {
    this.text = text.replaceAll("\\s+", "");
  }

  static String toDuckDb(String hiveType) {
    HiveTypes parser = new HiveTypes(hiveType);
    String type = parser.type();
    if (parser.position != parser.text.length()) {
      throw new IllegalArgumentException("unexpected text at " + parser.position + ": " + hiveType);
    }
    return type;
  }

  private String type() {
    if (accept("struct<")) {
      StringBuilder struct = new StringBuilder("STRUCT(");
      do {
        int colon = text.indexOf(':', position);
        String name = text.substring(position, colon);
        position = colon + 1;
        String jsonName = TYPE_TAGS.contains(name) ? name.toUpperCase(Locale.ROOT) : name;
        if (struct.length() > "STRUCT(".length()) {
          struct.append(", ");
        }
        struct.append('"').append(jsonName).append("\" ").append(type());
      } while (accept(","));
      expect(">");
      return struct.append(')').toString();
    }
    if (accept("array<")) {
      String element = type();
      expect(">");
      return element + "[]";
    }
    for (String[] scalar :
        new String[][] {
          {"string", "VARCHAR"}, {"boolean", "BOOLEAN"}, {"bigint", "BIGINT"}, {"double", "DOUBLE"}
        }) {
      if (accept(scalar[0])) {
        return scalar[1];
      }
    }
    throw new IllegalArgumentException("unknown type at " + position + ": " + text);
  }

  private boolean accept(String token) {
    if (text.startsWith(token, position)) {
      position += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw new IllegalArgumentException("expected " + token + " at " + position + ": " + text);
    }
  }
}
