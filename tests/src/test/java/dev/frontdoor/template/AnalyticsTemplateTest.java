package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.infra.analytics.AnalyticsSql;
import dev.frontdoor.infra.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template's analytics carry the SQL that AnalyticsIT checks locally, word for word: every view
 * and query file is one {@code AWS::Athena::NamedQuery} whose {@code QueryString} equals the file,
 * and the Glue tables' {@code item} column has the type DuckDB reads the export with. The files are
 * the source: after editing one, copy its text into the named query (the message says which).
 */
class AnalyticsTemplateTest {
  private final SamTemplate template = SamTemplate.load(ProjectPaths.template());

  @Test
  void everyNamedQuery_isItsFile_andEveryFileHasItsNamedQuery() {
    Map<String, String> files = new LinkedHashMap<>();
    AnalyticsSql.views().forEach((view, sql) -> files.put("create_view_" + view, sql));
    files.putAll(AnalyticsSql.queries());

    Map<String, String> named = new LinkedHashMap<>();
    template
        .resourcesOfType("AWS::Athena::NamedQuery")
        .forEach(
            (id, properties) ->
                named.put((String) properties.get("Name"), (String) properties.get("QueryString")));

    assertThat(named.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
    files.forEach(
        (name, sql) ->
            assertThat(named.get(name))
                .as("the QueryString of named query %s must be its file's text:%n%s", name, sql)
                .isEqualTo(sql));
  }

  @Test
  void glueTables_readTheExportAsJson_withTheItemTypeTheLocalCheckUses() {
    Map<String, Map<String, Object>> tables = template.resourcesOfType("AWS::Glue::Table");
    assertThat(tables).hasSize(2);
    List<String> names =
        tables.values().stream()
            .map(table -> (String) SamTemplate.map(table.get("TableInput")).get("Name"))
            .toList();
    assertThat(names).containsExactlyInAnyOrder("export_items", "latest_items");
    for (Map<String, Object> table : tables.values()) {
      Map<String, Object> storage =
          SamTemplate.map(SamTemplate.map(table.get("TableInput")).get("StorageDescriptor"));
      assertThat(SamTemplate.map(storage.get("SerdeInfo")).get("SerializationLibrary"))
          .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
      List<Object> columns = SamTemplate.list(storage.get("Columns"));
      assertThat(columns).hasSize(1);
      Map<String, Object> item = SamTemplate.map(columns.get(0));
      assertThat(item.get("Name")).isEqualTo("item");
      assertThat(item.get("Type")).isEqualTo(AnalyticsSql.itemType());
    }
  }

  @Test
  void theTableIsExported_onASchedule_withPointInTimeRecoveryOn() {
    Map<String, Object> table = template.resourcesOfType("AWS::DynamoDB::Table").get("Table");
    assertThat(
            SamTemplate.map(table.get("PointInTimeRecoverySpecification"))
                .get("PointInTimeRecoveryEnabled"))
        .isEqualTo(true);
    Map<String, Object> machine =
        template
            .resourcesOfType("AWS::StepFunctions::StateMachine")
            .get("AnalyticsExportStateMachine");
    Map<String, Object> states =
        SamTemplate.map(SamTemplate.map(machine.get("Definition")).get("States"));
    assertThat(SamTemplate.map(states.get("Export")).get("Resource"))
        .isEqualTo("arn:aws:states:::aws-sdk:dynamodb:exportTableToPointInTime");
    assertThat(
            SamTemplate.map(SamTemplate.map(states.get("Export")).get("Parameters"))
                .get("ExportFormat"))
        .isEqualTo("DYNAMODB_JSON");
    assertThat(template.resourcesOfType("AWS::Scheduler::Schedule")).hasSize(1);
    Map<String, Object> bucket = template.resourcesOfType("AWS::S3::Bucket").get("AnalyticsBucket");
    assertThat(SamTemplate.map(bucket.get("LifecycleConfiguration")).get("Rules")).isNotNull();
  }
}
