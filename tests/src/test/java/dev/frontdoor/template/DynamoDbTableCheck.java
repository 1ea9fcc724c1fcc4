package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's rules for DynamoDB tables: an explicit capacity mode, and the three switches whose
 * CloudFormation default is "off" but that the data must never go without (point-in-time recovery,
 * encryption with a KMS key, TTL so every item expires per the retention policy). A switch set by
 * an intrinsic is taken on trust, like every deploy-time value.
 */
final class DynamoDbTableCheck implements TemplateCheck {
  static final String TABLE = "AWS::DynamoDB::Table";
  private static final Set<String> BILLING_MODES = Set.of("PAY_PER_REQUEST", "PROVISIONED");

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    template
        .resourcesOfType(TABLE)
        .forEach(
            (id, properties) -> {
              checkBillingMode(id, properties, problems);
              requireOn(
                  id,
                  properties,
                  "PointInTimeRecoverySpecification",
                  "PointInTimeRecoveryEnabled",
                  problems);
              requireOn(id, properties, "SSESpecification", "SSEEnabled", problems);
              requireOn(id, properties, "TimeToLiveSpecification", "Enabled", problems);
            });
    return problems;
  }

  private static void checkBillingMode(
      String id, Map<String, Object> properties, List<String> problems) {
    Object mode = properties.get("BillingMode");
    if (Intrinsics.isIntrinsic(mode)) {
      return;
    }
    if (!BILLING_MODES.contains(mode)) {
      problems.add(
          "%s.Properties.BillingMode: %s is not one of %s"
              .formatted(id, CfnPrimitive.describe(mode), BILLING_MODES));
    } else if (mode.equals("PROVISIONED") && !properties.containsKey("ProvisionedThroughput")) {
      problems.add(
          id + ".Properties.ProvisionedThroughput: required when BillingMode is PROVISIONED");
    }
  }

  private static void requireOn(
      String id,
      Map<String, Object> properties,
      String specification,
      String flag,
      List<String> problems) {
    Object block = properties.get(specification);
    if (Intrinsics.isIntrinsic(block)) {
      return;
    }
    Object value = Maps.map(block).get(flag);
    if (!Intrinsics.isIntrinsic(value) && !Maps.bool(value).orElse(false)) {
      problems.add(
          "%s.Properties.%s.%s: must be true, is %s"
              .formatted(id, specification, flag, CfnPrimitive.describe(value)));
    }
  }
}
