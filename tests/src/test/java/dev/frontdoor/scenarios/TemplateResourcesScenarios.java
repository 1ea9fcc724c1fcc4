package dev.frontdoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.infra.local.LocalDeployment;
import dev.frontdoor.infra.template.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * template.yaml's table and queues, deployed onto a backend and used the way the gateway uses them.
 * Subclasses choose the backend.
 */
abstract class TemplateResourcesScenarios {

  abstract AwsBackend backend();

  static Path template() {
    return Path.of(System.getProperty("frontdoor.root", "..")).resolve("template.yaml");
  }

  @Test
  void deploy_templateResources_tableAndQueuesBehaveAsDeclared() {
    AwsBackend backend = backend();
    // GIVEN the template's resources deployed on the backend
    LocalDeployment deployment =
        LocalDeployment.create(
            SamTemplate.load(template()), backend.region(), backend.dynamoDb(), backend.sqs());
    String table = deployment.tableNames().get("Table");
    // WHEN an item is written twice with the conditional write every ingest uses
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS("CUST#+27821234567"),
            "sk", AttributeValue.fromS("EV#0000000000001#MSG#wamid.x"));
    backend
        .dynamoDb()
        .putItem(
            r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    boolean duplicateRejected;
    try {
      backend
          .dynamoDb()
          .putItem(
              r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      duplicateRejected = false;
    } catch (ConditionalCheckFailedException e) {
      duplicateRejected = true;
    }
    // THEN the second is refused, and the FIFO queue keeps a group's order
    assertThat(duplicateRejected).isTrue();
    String queue = deployment.queues().get("OutboundQueue").url();
    for (int i = 0; i < 3; i++) {
      int n = i;
      backend
          .sqs()
          .sendMessage(
              r ->
                  r.queueUrl(queue)
                      .messageBody("m" + n)
                      .messageGroupId("customer")
                      .messageDeduplicationId("d" + n));
    }
    var bodies =
        backend
            .sqs()
            .receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(2))
            .messages()
            .stream()
            .map(m -> m.body())
            .toList();
    assertThat(bodies).containsExactly("m0", "m1", "m2");
  }
}
