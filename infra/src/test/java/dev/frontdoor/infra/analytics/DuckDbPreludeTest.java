package dev.frontdoor.infra.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each macro of the DuckDB prelude answers as the Trino function it stands for. */
class DuckDbPreludeTest {
  static LocalAthena duckDb;

  @BeforeAll
  static void open() throws Exception {
    duckDb = LocalAthena.preludeOnly();
  }

  @AfterAll
  static void close() throws Exception {
    duckDb.close();
  }

  private static Object one(String sql) throws Exception {
    List<Map<String, Object>> rows = duckDb.query(sql);
    assertThat(rows).hasSize(1);
    return rows.get(0).values().iterator().next();
  }

  @Test
  void fromUnixtime_isUtc_acceptsFractionsAndIntegers() throws Exception {
    // Trino: from_unixtime(1749416383.5) = 2025-06-08 20:59:43.500 UTC
    assertThat(one("SELECT CAST(from_unixtime(CAST(1749416383500 AS DOUBLE) / 1000) AS VARCHAR)"))
        .asString()
        .startsWith("2025-06-08 20:59:43.5");
    assertThat(one("SELECT CAST(CAST(from_unixtime(1749416383) AS DATE) AS VARCHAR)"))
        .isEqualTo("2025-06-08");
    // a day boundary in UTC, whatever the machine's zone
    assertThat(one("SELECT CAST(CAST(from_unixtime(1764460799) AS DATE) AS VARCHAR)"))
        .isEqualTo("2025-11-29");
    assertThat(one("SELECT CAST(CAST(from_unixtime(1764460800) AS DATE) AS VARCHAR)"))
        .isEqualTo("2025-11-30");
    // weeks start on Monday, as Trino's date_trunc('week', …)
    assertThat(
            one(
                "SELECT CAST(CAST(date_trunc('week', from_unixtime(1764460800)) AS DATE) AS"
                    + " VARCHAR)"))
        .isEqualTo("2025-11-24");
  }

  @Test
  void toUnixtime_isTheInverse() throws Exception {
    assertThat(one("SELECT to_unixtime(from_unixtime(1749416383))")).isEqualTo(1749416383.0);
  }

  @Test
  void approxPercentile_isTheNearestRank() throws Exception {
    String values = "FROM (VALUES (2), (3), (5), (10), (30)) AS t (v)";
    assertThat(one("SELECT approx_percentile(v, 0.5) " + values)).isEqualTo(5L);
    assertThat(one("SELECT approx_percentile(v, 0.9) " + values)).isEqualTo(30L);
    assertThat(one("SELECT approx_percentile(v, 0.1) " + values)).isEqualTo(2L);
    // nulls are ignored, as by every aggregate
    assertThat(one("SELECT approx_percentile(v, 0.5) FROM (VALUES (4), (NULL), (6), (8)) AS t (v)"))
        .isEqualTo(6L);
  }

  @Test
  void jsonExtractScalar_answersText_orNull() throws Exception {
    assertThat(one("SELECT json_extract_scalar('{\"a\":{\"b\":131047}}', '$.a.b')"))
        .isEqualTo("131047");
    assertThat(one("SELECT json_extract_scalar('{\"a\":1}', '$.missing')")).isNull();
  }

  @Test
  void integerDivision_isWrittenAsDoubleDivision_inBothEngines() throws Exception {
    // DuckDB's 7 / 2 is 3.5 and Trino's is 3: the SQL casts to DOUBLE before dividing
    assertThat(one("SELECT CAST(7 AS DOUBLE) / 2")).isEqualTo(3.5);
    assertThat(one("SELECT CAST(floor(CAST(7 AS DOUBLE) / 2) AS BIGINT)")).isEqualTo(3L);
  }

  @Test
  void hiveItemType_becomesDuckDbsStruct_withDynamoDbsTypeTags() {
    assertThat(
            HiveTypes.toDuckDb(
                "struct<pk:struct<s:string>,opted_out:struct<bool:boolean>,"
                    + "error:struct<m:struct<code:struct<n:string>>>,l:array<string>>"))
        .isEqualTo(
            "STRUCT(\"pk\" STRUCT(\"S\" VARCHAR), \"opted_out\" STRUCT(\"BOOL\" BOOLEAN),"
                + " \"error\" STRUCT(\"M\" STRUCT(\"code\" STRUCT(\"N\" VARCHAR))),"
                + " \"L\" VARCHAR[])");
    assertThat(HiveTypes.toDuckDb(AnalyticsSql.itemType())).startsWith("STRUCT(\"pk\"");
  }
}
