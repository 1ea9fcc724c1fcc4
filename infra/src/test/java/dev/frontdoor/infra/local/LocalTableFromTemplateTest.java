package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.infra.template.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The local runtime creates template.yaml's table on-demand whatever the capacity mode parameter
 * says: the billing mode and throughput are {@code Fn::If} on a deploy-time condition, and local
 * engines do not meter capacity, so the same table serves both.
 */
class LocalTableFromTemplateTest {

  @Test
  void createTableRequest_ofTheTemplatesTable_isPayPerRequestWithItsKeysAndStream() {
    Path root = Path.of(System.getProperty("frontdoor.root", "..")).toAbsolutePath().normalize();
    Map<String, Object> table =
        SamTemplate.load(root.resolve("template.yaml"))
            .resourcesOfType("AWS::DynamoDB::Table")
            .get("Table");
    // The template's own value is conditional, not a plain string.
    assertThat(table.get("BillingMode")).isInstanceOf(Map.class);

    CreateTableRequest request = LocalDeployment.createTableRequest("frontdoor", table);

    assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(request.provisionedThroughput()).isNull();
    assertThat(request.keySchema())
        .extracting(key -> key.attributeName() + ":" + key.keyTypeAsString())
        .containsExactly("pk:HASH", "sk:RANGE");
    assertThat(request.streamSpecification().streamViewTypeAsString())
        .isEqualTo("NEW_AND_OLD_IMAGES");
  }
}
