package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The table's capacity mode is a parameter: on-demand by default; provisioned sets the table's
 * billing mode and throughput and adds auto scaling of reads and writes, every piece of it behind
 * the one condition. The template is resolved for each value of the parameter (conditions, {@code
 * Fn::If}, {@code AWS::NoValue}) and checked as CloudFormation would see it.
 */
class TableCapacityModeTest {
  private static final String CONDITION = "TableProvisioned";
  private static final String TARGET = "AWS::ApplicationAutoScaling::ScalableTarget";
  private static final String POLICY = "AWS::ApplicationAutoScaling::ScalingPolicy";

  @Test
  void parameter_defaultsToOnDemand_andTheConditionIsItsProvisionedValue() {
    Template template = TemplateFixtures.projectTemplate();

    Map<String, Object> parameter =
        Maps.map(template.section("Parameters").get("TableCapacityMode"));
    assertThat(parameter.get("Default")).isEqualTo("on-demand");
    assertThat(Maps.list(parameter.get("AllowedValues")))
        .containsExactlyInAnyOrder("on-demand", "provisioned");
    assertThat(template.section("Conditions").get(CONDITION))
        .isEqualTo(
            Map.of("Fn::Equals", List.of(Map.of("Ref", "TableCapacityMode"), "provisioned")));
  }

  @Test
  void autoScaling_everyTargetAndPolicyIsConditional_readAndWriteForTheTableAndEachIndex() {
    Template template = TemplateFixtures.projectTemplate();

    Map<String, Map<String, Object>> targets = template.resourcesOfType(TARGET);
    Map<String, Map<String, Object>> policies = template.resourcesOfType(POLICY);
    List<Object> indexes = Maps.list(template.properties("Table").get("GlobalSecondaryIndexes"));
    // Read and write, for the table and for each GSI.
    assertThat(targets).hasSize(2 * (1 + indexes.size()));
    assertThat(policies).hasSize(targets.size());
    for (String id : concat(targets.keySet(), policies.keySet())) {
      assertThat(template.resource(id).get("Condition")).as(id + ".Condition").isEqualTo(CONDITION);
    }
    List<String> dimensions = new ArrayList<>();
    targets.forEach(
        (id, properties) -> {
          assertThat(properties.get("ServiceNamespace")).isEqualTo("dynamodb");
          // Auto scaling's own service-linked role for DynamoDB, not a role of the stack's.
          assertThat(properties.get("RoleARN"))
              .isEqualTo(
                  Map.of(
                      "Fn::Sub",
                      "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/"
                          + "dynamodb.application-autoscaling.amazonaws.com/"
                          + "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable"));
          assertThat(properties.get("ResourceId")).isEqualTo(Map.of("Fn::Sub", "table/${Table}"));
          dimensions.add((String) properties.get("ScalableDimension"));
        });
    assertThat(dimensions)
        .containsExactlyInAnyOrder(
            "dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits");
    List<String> metrics = new ArrayList<>();
    policies.forEach(
        (id, properties) -> {
          assertThat(properties.get("PolicyType")).isEqualTo("TargetTrackingScaling");
          Object target = Maps.map(properties.get("ScalingTargetId")).get("Ref");
          assertThat(targets).containsKey((String) target);
          Map<String, Object> tracking =
              Maps.map(properties.get("TargetTrackingScalingPolicyConfiguration"));
          assertThat(tracking.get("TargetValue"))
              .isEqualTo(Map.of("Ref", "TableTargetUtilization"));
          String metric =
              (String)
                  Maps.map(tracking.get("PredefinedMetricSpecification"))
                      .get("PredefinedMetricType");
          // The policy tracks the dimension its target scales.
          String dimension = (String) targets.get((String) target).get("ScalableDimension");
          assertThat(dimension).contains(metric.contains("Read") ? "Read" : "Write");
          metrics.add(metric);
        });
    assertThat(metrics)
        .containsExactlyInAnyOrder(
            "DynamoDBReadCapacityUtilization", "DynamoDBWriteCapacityUtilization");
  }

  @Test
  void onDemand_resolvesToPayPerRequest_withoutThroughputOrAutoScaling() {
    Template resolved = resolve(TemplateFixtures.projectTemplate(), false);

    Map<String, Object> table = resolved.properties("Table");
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(table).doesNotContainKey("ProvisionedThroughput");
    assertThat(resolved.resourcesOfType(TARGET)).isEmpty();
    assertThat(resolved.resourcesOfType(POLICY)).isEmpty();
    assertThat(new DynamoDbTableCheck().check(resolved)).isEmpty();
  }

  @Test
  void provisioned_resolvesToProvisionedThroughputAtTheMinimums_withAutoScaling() {
    Template resolved = resolve(TemplateFixtures.projectTemplate(), true);

    Map<String, Object> table = resolved.properties("Table");
    assertThat(table.get("BillingMode")).isEqualTo("PROVISIONED");
    assertThat(table.get("ProvisionedThroughput"))
        .isEqualTo(
            Map.of(
                "ReadCapacityUnits", Map.of("Ref", "TableMinReadCapacity"),
                "WriteCapacityUnits", Map.of("Ref", "TableMinWriteCapacity")));
    for (Object index : Maps.list(table.get("GlobalSecondaryIndexes"))) {
      assertThat(Maps.map(index)).containsKey("ProvisionedThroughput");
    }
    assertThat(resolved.resourcesOfType(TARGET)).hasSize(2);
    assertThat(resolved.resourcesOfType(POLICY)).hasSize(2);
    assertThat(new DynamoDbTableCheck().check(resolved)).isEmpty();
  }

  /**
   * The template as CloudFormation deploys it with the condition {@code provisioned}: resources
   * whose condition is false dropped, {@code Fn::If} on it taken, {@code AWS::NoValue} removed.
   */
  private static Template resolve(Template template, boolean provisioned) {
    Map<String, Object> resources = template.resources();
    resources
        .entrySet()
        .removeIf(
            entry -> CONDITION.equals(Maps.map(entry.getValue()).get("Condition")) && !provisioned);
    for (String id : resources.keySet()) {
      Map<String, Object> resource = Maps.map(resources.get(id));
      Object properties = resource.get("Properties");
      if (properties != null) {
        resource.put("Properties", take(properties, provisioned));
      }
    }
    return template;
  }

  private static Object take(Object value, boolean provisioned) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1
          && map.get("Fn::If") instanceof List<?> branches
          && CONDITION.equals(branches.get(0))) {
        return take(branches.get(provisioned ? 1 : 2), provisioned);
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (key, inner) -> {
            Object taken = take(inner, provisioned);
            if (!isNoValue(taken)) {
              copy.put((String) key, taken);
            }
          });
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object inner : list) {
        Object taken = take(inner, provisioned);
        if (!isNoValue(taken)) {
          copy.add(taken);
        }
      }
      return copy;
    }
    return value;
  }

  private static boolean isNoValue(Object value) {
    return value instanceof Map<?, ?> map
        && map.size() == 1
        && "AWS::NoValue".equals(map.get("Ref"));
  }

  private static List<String> concat(
      java.util.Collection<String> first, java.util.Collection<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
