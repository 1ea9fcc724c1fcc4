package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real template.yaml passes; copies broken in one place each are rejected with the cause. */
class TemplateValidatorTest {
  private static TemplateValidator validator;

  @BeforeAll
  static void loadSpecs() {
    validator = TemplateValidator.forProject();
  }

  @Test
  void validate_projectTemplate_reportsNoProblems() {
    // GIVEN the template as committed
    Template template = TemplateFixtures.projectTemplate();

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN nothing is wrong with it
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"java11", "python3.12"})
  void validate_runtimeOtherThanJava17Or21_reportsRuntime(String runtime) {
    // GIVEN a template whose functions inherit an unsupported runtime from Globals
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.section("Globals").get("Function")).put("Runtime", runtime);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN every function's runtime, and nothing else, is named as a problem
    assertThat(problems)
        .isNotEmpty()
        .allSatisfy(problem -> assertThat(problem).contains(".Properties.Runtime", runtime))
        .anySatisfy(
            problem -> assertThat(problem).contains("WhatsAppWebhookFunction.Properties.Runtime"));
  }

  @Test
  void validate_handlerClassNotInLambdaJar_reportsHandler() {
    // GIVEN a function whose handler class does not exist
    Template template = TemplateFixtures.projectTemplate();
    template
        .properties("WhatsAppWebhookFunction")
        .put("Handler", "dev.frontdoor.functions.NoSuchHandler::handleRequest");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the missing class is named
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("WhatsAppWebhookFunction.Properties.Handler", "NoSuchHandler", "is not in");
  }

  @Test
  void validate_consumerTimeout30AndVisibilityTimeout120_reportsVisibilityTimeout() {
    // GIVEN a consumer of OutboundQueue with Timeout 30 and the queue's VisibilityTimeout at 120
    Template template = TemplateFixtures.withOutboundConsumer(TemplateFixtures.projectTemplate());
    template.properties("OutboundQueue").put("VisibilityTimeout", 120);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the queue is reported: 120 is under 6 x 30
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("OutboundQueue.Properties.VisibilityTimeout", "OutboundSenderFunction", "180s");
  }

  @Test
  void validate_consumerTimeout30AndVisibilityTimeout180_reportsNoProblems() {
    // GIVEN the same consumer with the queue's VisibilityTimeout at exactly 6 x 30
    Template template = TemplateFixtures.withOutboundConsumer(TemplateFixtures.projectTemplate());
    template.properties("OutboundQueue").put("VisibilityTimeout", 180);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN it passes
    assertThat(problems).isEmpty();
  }

  @Test
  void validate_unknownPropertyOnTable_reportsProperty() {
    // GIVEN a misspelt property on the DynamoDB table
    Template template = TemplateFixtures.projectTemplate();
    template.properties("Table").put("BillingMod", "PAY_PER_REQUEST");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the property is named as unknown to AWS::DynamoDB::Table
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("Table.Properties.BillingMod", "not a property of AWS::DynamoDB::Table");
  }

  @Test
  void validate_pointInTimeRecoveryEnabledNotBoolean_reportsType() {
    // GIVEN PointInTimeRecoveryEnabled set to a word that is not a boolean
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.properties("Table").get("PointInTimeRecoverySpecification"))
        .put("PointInTimeRecoveryEnabled", "maybe");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the type mismatch is reported (and, by the project rule, that PITR is not on)
    assertThat(problems)
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(
                        "Table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
                        "expected Boolean",
                        "\"maybe\""));
  }

  @Test
  void validate_visibilityTimeoutNotInteger_reportsType() {
    // GIVEN a queue's VisibilityTimeout written as a word
    Template template = TemplateFixtures.projectTemplate();
    template.properties("OutboundQueue").put("VisibilityTimeout", "soon");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the type mismatch is reported
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("OutboundQueue.Properties.VisibilityTimeout", "expected Integer", "\"soon\"");
  }

  @Test
  void validate_refToMissingResource_reportsDanglingName() {
    // GIVEN an environment variable referring to a resource that does not exist
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> variables =
        Maps.map(
            Maps.map(Maps.map(template.section("Globals").get("Function")).get("Environment"))
                .get("Variables"));
    variables.put("TABLE_NAME", Map.of("Ref", "Tabel"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the dangling name and where it is used are reported
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("Globals.Function.Environment.Variables.TABLE_NAME", "'Tabel'");
  }

  @Test
  void validate_unknownSamPropertyOnFunction_reportsProperty() {
    // GIVEN a function whose Handler is misspelt
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> function = template.properties("WhatsAppWebhookFunction");
    function.put("Handlr", function.remove("Handler"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the SAM schema rejects the unknown property by name
    assertThat(problems)
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains("WhatsAppWebhookFunction.Properties.Handlr", "SAM schema"));
  }

  @Test
  void validate_pointInTimeRecoveryDisabled_reportsPitr() {
    // GIVEN point-in-time recovery switched off
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.properties("Table").get("PointInTimeRecoverySpecification"))
        .put("PointInTimeRecoveryEnabled", false);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the table is reported
    assertThat(problems)
        .singleElement()
        .asString()
        .contains(
            "Table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
            "must be true");
  }
}
