package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;

/**
 * An offline stand-in for {@code sam validate} and cfn-lint, neither of which can run here: the SAM
 * schema, the CloudFormation resource specification, and the project's own rules, in one list of
 * problems. An empty list means the template passed.
 */
final class TemplateValidator {
  private final List<TemplateCheck> checks;

  TemplateValidator(List<TemplateCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Every check, reading the specs and the Lambda jar from their places in the project. */
  static TemplateValidator forProject() {
    CfnSpec spec = new CfnSpec(ProjectPaths.cfnSpecification());
    return new TemplateValidator(
        List.of(
            new SamSchemaCheck(ProjectPaths.samSchema()),
            new CfnSpecCheck(spec),
            new FunctionSettingsCheck(),
            new FunctionUrlCheck(),
            new PublicEntryCheck(),
            new DynamoDbTableCheck(),
            new ReferenceCheck(spec),
            new FifoQueueCheck(),
            new HandlerClassCheck(ProjectPaths.lambdaJar()),
            new QueueVisibilityCheck(),
            DashboardCheck.ofProject()));
  }

  List<String> validate(Template template) {
    List<String> problems = new ArrayList<>();
    for (TemplateCheck check : checks) {
      problems.addAll(check.check(template));
    }
    return problems;
  }
}
