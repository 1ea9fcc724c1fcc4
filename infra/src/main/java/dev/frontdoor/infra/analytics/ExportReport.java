package dev.frontdoor.infra.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bin/gateway report}: an export's named-query answers as one self-contained HTML page with
 * uPlot charts (the WebJar's script and style inlined, so the page opens offline): volumes over
 * time, the first-response-time distribution, the delivery funnel, failures by code, calls and
 * summaries. After drawing each chart the page checks its canvas for pixels of the series' colour
 * and writes {@code data-drawn="yes"} on the chart's element, which a headless browser can read.
 */
public final class ExportReport {
  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Minutes to a first response, the buckets of the distribution chart. */
  private static final String RESPONSE_MINUTES =
      """
      WITH conversation AS (
        SELECT customer_ref, business_number_id, direction, at_ms,
          lag(direction) OVER (
            PARTITION BY customer_ref, business_number_id ORDER BY at_ms, direction
          ) AS previous_direction
        FROM messages WHERE summary_of_call_id IS NULL
      ),
      waits AS (
        SELECT customer_ref, business_number_id, at_ms FROM conversation
        WHERE direction = 'in' AND (previous_direction IS NULL OR previous_direction = 'out')
      )
      SELECT CAST(floor(CAST(min(o.at_ms) - w.at_ms AS DOUBLE) / 60000) AS BIGINT) AS minutes
      FROM waits w JOIN conversation o
        ON o.customer_ref = w.customer_ref AND o.business_number_id = w.business_number_id
        AND o.direction = 'out' AND o.at_ms > w.at_ms
      GROUP BY w.customer_ref, w.business_number_id, w.at_ms
      """;

  private ExportReport() {}

  /** The page for the export {@code athena} reads. */
  public static String render(LocalAthena athena, String title) throws SQLException {
    Map<String, List<Map<String, Object>>> answers = athena.runAll();
    ObjectNode data = JSON.createObjectNode();
    data.set("volumes", volumes(answers.get("volumes_by_day")));
    data.set("responses", responses(athena.query(RESPONSE_MINUTES)));
    data.set("funnel", funnel(answers.get("delivery_and_read")));
    data.set("failures", categories(answers.get("failures_by_error_code"), "messages"));
    data.set("calls", calls(answers.get("calls_by_provider_and_outcome")));
    String page = resource("analytics/report.html");
    return page.replace("/*TITLE*/", escape(title))
        .replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
        .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js"))
        .replace("/*DATA*/", data.toString().replace("</", "<\\/"))
        .replace("/*ANSWERS*/", escape(ExportCommand.render(answers)));
  }

  /** Items per UTC day, one series per channel and direction. */
  private static ObjectNode volumes(List<Map<String, Object>> rows) {
    TreeMap<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
    TreeMap<String, Boolean> series = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      LocalDate day = LocalDate.parse(row.get("utc_date").toString());
      String name = row.get("channel") + " " + row.get("direction");
      series.put(name, true);
      byDay
          .computeIfAbsent(day, d -> new TreeMap<>())
          .merge(name, ((Number) row.get("items")).longValue(), Long::sum);
    }
    ObjectNode chart = JSON.createObjectNode();
    ArrayNode x = chart.putArray("x");
    byDay.keySet().forEach(day -> x.add(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
    ArrayNode names = chart.putArray("names");
    ArrayNode values = chart.putArray("series");
    series
        .keySet()
        .forEach(
            name -> {
              names.add(name);
              ArrayNode counts = values.addArray();
              byDay.values().forEach(day -> counts.add(day.getOrDefault(name, 0L)));
            });
    return chart;
  }

  private static ObjectNode responses(List<Map<String, Object>> rows) {
    String[] labels = {"< 1 min", "1-4 min", "5-14 min", "15-59 min", "1-4 h", "4 h +"};
    long[] limits = {1, 5, 15, 60, 240, Long.MAX_VALUE};
    long[] counts = new long[labels.length];
    for (Map<String, Object> row : rows) {
      long minutes = ((Number) row.get("minutes")).longValue();
      for (int i = 0; i < limits.length; i++) {
        if (minutes < limits[i]) {
          counts[i]++;
          break;
        }
      }
    }
    ObjectNode chart = JSON.createObjectNode();
    ArrayNode names = chart.putArray("labels");
    ArrayNode values = chart.putArray("values");
    for (int i = 0; i < labels.length; i++) {
      names.add(labels[i]);
      values.add(counts[i]);
    }
    return chart;
  }

  private static ObjectNode funnel(List<Map<String, Object>> rows) {
    long[] totals = new long[4];
    String[] stages = {"sent", "delivered", "read", "failed"};
    for (Map<String, Object> row : rows) {
      for (int i = 0; i < stages.length; i++) {
        totals[i] += ((Number) row.get(stages[i])).longValue();
      }
    }
    ObjectNode chart = JSON.createObjectNode();
    ArrayNode labels = chart.putArray("labels");
    ArrayNode values = chart.putArray("values");
    for (int i = 0; i < stages.length; i++) {
      labels.add(stages[i]);
      values.add(totals[i]);
    }
    return chart;
  }

  private static ObjectNode categories(List<Map<String, Object>> rows, String column) {
    TreeMap<String, Long> counts = new TreeMap<>();
    rows.forEach(
        row ->
            counts.merge(
                String.valueOf(row.get("error_code")),
                ((Number) row.get(column)).longValue(),
                Long::sum));
    ObjectNode chart = JSON.createObjectNode();
    ArrayNode labels = chart.putArray("labels");
    ArrayNode values = chart.putArray("values");
    counts.forEach(
        (label, count) -> {
          labels.add(label);
          values.add(count);
        });
    return chart;
  }

  private static ObjectNode calls(List<Map<String, Object>> rows) {
    TreeMap<String, long[]> byKind = new TreeMap<>();
    rows.forEach(
        row -> {
          long[] counts =
              byKind.computeIfAbsent(
                  row.get("provider") + " " + row.get("outcome"), k -> new long[2]);
          counts[0] += ((Number) row.get("calls")).longValue();
          counts[1] += ((Number) row.get("summaries_delivered")).longValue();
        });
    ObjectNode chart = JSON.createObjectNode();
    ArrayNode labels = chart.putArray("labels");
    ArrayNode calls = chart.putArray("calls");
    ArrayNode summaries = chart.putArray("summaries");
    byKind.forEach(
        (label, counts) -> {
          labels.add(label);
          calls.add(counts[0]);
          summaries.add(counts[1]);
        });
    return chart;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String resource(String path) {
    try (InputStream in = ExportReport.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
