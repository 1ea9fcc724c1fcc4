package dev.frontdoor.infra.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics SQL as shipped: the views and named queries under {@code analytics/} on the
 * classpath (the same text the template's {@code AWS::Athena::NamedQuery} resources carry; a test
 * fails on any drift), the Glue column type of an exported item, and the DuckDB prelude.
 */
public final class AnalyticsSql {
  private static final String ROOT = "analytics/";

  /** View files in the order they must be created (later views read earlier ones). */
  public static final List<String> VIEWS =
      List.of(
          "01_calling_codes",
          "02_tombstones",
          "03_messages",
          "04_statuses",
          "05_calls",
          "06_summaries",
          "07_optouts");

  /** The named queries an analyst runs. */
  public static final List<String> QUERIES =
      List.of(
          "volumes_by_day",
          "first_response_time",
          "delivery_and_read",
          "cost_by_category_and_country",
          "failures_by_error_code",
          "calls_by_provider_and_outcome",
          "optouts_by_week");

  private AnalyticsSql() {}

  /** View name (without its order prefix) to its {@code CREATE OR REPLACE VIEW} statement. */
  public static Map<String, String> views() {
    Map<String, String> views = new LinkedHashMap<>();
    VIEWS.forEach(file -> views.put(file.substring(3), resource("views/" + file + ".sql")));
    return views;
  }

  public static Map<String, String> queries() {
    Map<String, String> queries = new LinkedHashMap<>();
    QUERIES.forEach(name -> queries.put(name, resource("queries/" + name + ".sql")));
    return queries;
  }

  /** The Glue (Hive) type of the {@code item} column: {@code struct<pk:struct<s:string>,…>}. */
  public static String itemType() {
    return resource("item-type.txt").strip();
  }

  /** DuckDB statements that give it the Trino functions the SQL uses. */
  public static List<String> duckDbPrelude() {
    List<String> statements = new ArrayList<>();
    for (String statement : resource("duckdb-prelude.sql").split(";\\s*\n")) {
      StringBuilder sql = new StringBuilder();
      statement.lines().filter(line -> !line.strip().startsWith("--")).forEach(sql::append);
      if (!sql.toString().isBlank()) {
        statements.add(sql.toString().strip());
      }
    }
    return statements;
  }

  static String resource(String path) {
    try (InputStream in = AnalyticsSql.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ROOT + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
