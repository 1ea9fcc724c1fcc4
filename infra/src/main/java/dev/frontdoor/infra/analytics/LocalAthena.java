package dev.frontdoor.infra.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Athena side of analytics on this machine: DuckDB (in-process, JDBC) reads an export's gzipped
 * JSON lines with {@code read_json} as the Glue table {@code export_items}, the newest export as
 * {@code latest_items} (whose tombstones every view joins), applies the prelude of Trino functions,
 * creates the views, and runs the named queries, all from the same files Athena runs.
 */
public final class LocalAthena implements AutoCloseable {
  private final Connection connection;

  private LocalAthena(Connection connection) {
    this.connection = connection;
  }

  /**
   * Over {@code export} (an {@code AWSDynamoDB/<ExportId>} folder) with the tombstones of {@code
   * latest} (the newest export; the same folder when analysing the newest).
   */
  public static LocalAthena open(Path export, Path latest) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    LocalAthena athena = new LocalAthena(connection);
    try {
      for (String statement : AnalyticsSql.duckDbPrelude()) {
        athena.execute(statement);
      }
      athena.execute(table("export_items", export));
      athena.execute(table("latest_items", latest));
      for (String view : AnalyticsSql.views().values()) {
        athena.execute(view);
      }
    } catch (SQLException | RuntimeException e) {
      athena.close();
      throw e;
    }
    return athena;
  }

  /** Only the prelude: for checking the macros on their own. */
  public static LocalAthena preludeOnly() throws SQLException {
    LocalAthena athena = new LocalAthena(DriverManager.getConnection("jdbc:duckdb:"));
    for (String statement : AnalyticsSql.duckDbPrelude()) {
      athena.execute(statement);
    }
    return athena;
  }

  private static String table(String name, Path exportDir) {
    Path data = exportDir.resolve("data");
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("not an export folder (no data/): " + exportDir);
    }
    String glob = data.toAbsolutePath().toString().replace("'", "''") + "/*.json.gz";
    String columns = HiveTypes.toDuckDb(AnalyticsSql.itemType()).replace("'", "''");
    return "CREATE OR REPLACE VIEW "
        + name
        + " AS SELECT \"Item\" AS item FROM read_json('"
        + glob
        + "', format = 'newline_delimited', compression = 'gzip', columns = {'Item': '"
        + columns
        + "'})";
  }

  /** Every named query's answer, in {@link AnalyticsSql#QUERIES} order. */
  public Map<String, List<Map<String, Object>>> runAll() throws SQLException {
    Map<String, List<Map<String, Object>>> answers = new LinkedHashMap<>();
    for (Map.Entry<String, String> query : AnalyticsSql.queries().entrySet()) {
      answers.put(query.getKey(), query(query.getValue()));
    }
    return answers;
  }

  /** Rows as column name to value (LocalDate, Long, Double, Boolean, String; nulls kept). */
  public List<Map<String, Object>> query(String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = result.getObject(i);
          row.put(meta.getColumnLabel(i), value instanceof Integer n ? Long.valueOf(n) : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
