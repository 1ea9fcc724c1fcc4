package dev.frontdoor.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validator's other rules, and the things it must not report, one broken place at a time. */
class TemplateRulesTest {
  private static TemplateValidator validator;

  @BeforeAll
  static void loadSpecs() {
    validator = TemplateValidator.forProject();
  }

  @Test
  void validate_intrinsicWhereSamExpectsAString_reportsNoProblems() {
    // GIVEN CodeUri as a Ref: the SAM schema wants a string or a Bucket/Key object
    Template template = TemplateFixtures.projectTemplate();
    template.properties("WhatsAppWebhookFunction").put("CodeUri", Map.of("Ref", "GraphApiUrl"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the intrinsic is taken on trust
    assertThat(problems).isEmpty();
  }

  @Test
  void validate_unknownPropertyInSqsEvent_reportsOnlyThatProperty() {
    // GIVEN an SQS event with a misspelt property
    Template template = TemplateFixtures.withOutboundConsumer(TemplateFixtures.projectTemplate());
    template.properties("OutboundQueue").put("VisibilityTimeout", 180);
    Map<String, Object> event =
        Maps.map(
            Maps.map(template.properties("OutboundSenderFunction").get("Events")).get("Outbound"));
    Maps.map(event.get("Properties")).put("BatchSiz", 5);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the one problem is named, not the mismatch with every other event type
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("OutboundSenderFunction.Properties.Events.Outbound.Properties.BatchSiz");
  }

  @Test
  void validate_resourceTypeUnknownToSpec_reportsType() {
    // GIVEN a misspelt resource type
    Template template = TemplateFixtures.projectTemplate();
    template.resource("OutboundDeadLetterAlarm").put("Type", "AWS::CloudWatch::Alarn");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the type is reported as unknown
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("OutboundDeadLetterAlarm", "unknown resource type 'AWS::CloudWatch::Alarn'");
  }

  @Test
  void validate_subWithLiteralPseudoAndSamGeneratedNames_reportsNoProblems() {
    // GIVEN a Sub using an escaped literal, a pseudo parameter and the role SAM generates
    Template template = TemplateFixtures.projectTemplate();
    template
        .properties("OutboundDeadLetterAlarm")
        .put(
            "AlarmDescription",
            Map.of(
                "Fn::Sub", "${!Literal} in ${AWS::Region} by ${WhatsAppWebhookFunctionRole.Arn}"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN all three resolve
    assertThat(problems).isEmpty();
  }

  @Test
  void validate_subNamingMissingVariable_reportsName() {
    // GIVEN a Sub naming a resource that does not exist
    Template template = TemplateFixtures.projectTemplate();
    template
        .properties("WhatsAppWebhookLogGroup")
        .put("LogGroupName", Map.of("Fn::Sub", "/aws/lambda/${WhatsAppFunction}"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the dangling variable is reported where it is used
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("WhatsAppWebhookLogGroup.Properties.LogGroupName", "'WhatsAppFunction'");
  }

  @Test
  void validate_generatedRoleOfFunctionWithOwnRole_reportsDanglingName() {
    // GIVEN a function with its own Role, so SAM generates no <Function>Role to refer to
    Template template = TemplateFixtures.projectTemplate();
    template
        .properties("WhatsAppWebhookFunction")
        .put("Role", "arn:aws:iam::123456789012:role/frontdoor");
    template
        .properties("OutboundDeadLetterAlarm")
        .put("AlarmDescription", Map.of("Ref", "WhatsAppWebhookFunctionRole"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the reference is dangling
    assertThat(problems)
        .singleElement()
        .asString()
        .contains(
            "OutboundDeadLetterAlarm.Properties.AlarmDescription", "'WhatsAppWebhookFunctionRole'");
  }

  @Test
  void validate_getAttOfUnknownAttribute_reportsAttribute() {
    // GIVEN a GetAtt asking a queue for an attribute queues do not have
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> dimension =
        Maps.map(
            Maps.list(template.properties("OutboundDeadLetterAlarm").get("Dimensions")).get(0));
    dimension.put("Value", Map.of("Fn::GetAtt", List.of("OutboundDeadLetterQueue", "Name")));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the attribute is reported
    assertThat(problems)
        .singleElement()
        .asString()
        .contains(
            "OutboundDeadLetterAlarm.Properties.Dimensions[0].Value", "'Name'", "AWS::SQS::Queue");
  }

  @Test
  void validate_fifoQueueNameWithoutSuffix_reportsQueueName() {
    // GIVEN a FIFO queue whose name lacks .fifo
    Template template = TemplateFixtures.projectTemplate();
    template
        .properties("OutboundQueue")
        .put("QueueName", Map.of("Fn::Sub", "${AWS::StackName}-outbound"));

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the name is reported
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("OutboundQueue.Properties.QueueName", ".fifo");
  }

  @Test
  void validate_fifoQueueWithStandardDeadLetterQueue_reportsRedrivePolicy() {
    // GIVEN the FIFO outbound queue redriving to a standard queue
    Template template = TemplateFixtures.projectTemplate();
    Map<String, Object> deadLetterQueue = template.properties("OutboundDeadLetterQueue");
    deadLetterQueue.remove("QueueName");
    deadLetterQueue.remove("FifoQueue");
    deadLetterQueue.remove("ContentBasedDeduplication");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the redrive target is reported
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("OutboundQueue.Properties.RedrivePolicy.deadLetterTargetArn", "not FIFO");
  }

  @Test
  void validate_senderMaxReceiveCountDiffersFromQueue_reportsVariable() {
    // GIVEN the queue's redrive policy allowing fewer receives than the sender expects
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.properties("OutboundQueue").get("RedrivePolicy")).put("maxReceiveCount", 5);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the sender's variable is reported against the queue's count
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("SenderFunction", "OUTBOUND_MAX_RECEIVE_COUNT", "maxReceiveCount is 5");
  }

  @Test
  void validate_openFunctionUrlWithoutReservedConcurrency_reportsTheFunction() {
    // GIVEN the API's function URL (AuthType NONE) with nothing capping its concurrency
    Template template = TemplateFixtures.projectTemplate();
    template.properties("ApiFunction").remove("ReservedConcurrentExecutions");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the missing cap is named
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("ApiFunction.Properties.ReservedConcurrentExecutions", "AuthType NONE");
  }

  @Test
  void validate_functionUrlWithoutOutput_reportsTheMissingOutput() {
    // GIVEN the API's function URL with its output taken away
    Template template = TemplateFixtures.projectTemplate();
    template.section("Outputs").remove("ApiFunctionUrl");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the output the URL needs is named
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("Outputs", "ApiFunctionUrl.FunctionUrl");
  }

  @Test
  void validate_architecturesAbsent_reportsArchitectures() {
    // GIVEN no Architectures anywhere, which means x86_64
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.section("Globals").get("Function")).remove("Architectures");

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN every function is reported, for that and nothing else
    assertThat(problems)
        .isNotEmpty()
        .allSatisfy(problem -> assertThat(problem).contains(".Properties.Architectures", "[arm64]"))
        .anySatisfy(
            problem ->
                assertThat(problem).contains("WhatsAppWebhookFunction.Properties.Architectures"));
  }

  @ParameterizedTest
  @CsvSource({"MemorySize, 256, 512..10240", "Timeout, 901, 1..900"})
  void validate_functionSettingOutOfRange_reportsSetting(String property, int value, String range) {
    // GIVEN a function setting outside the project's range
    Template template = TemplateFixtures.projectTemplate();
    template.properties("WhatsAppWebhookFunction").put(property, value);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the setting and the range are named
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("WhatsAppWebhookFunction.Properties." + property, range);
  }

  @ParameterizedTest
  @CsvSource({"SSESpecification, SSEEnabled", "TimeToLiveSpecification, Enabled"})
  void validate_tableSwitchOff_reportsSwitch(String specification, String flag) {
    // GIVEN encryption or TTL switched off on the table
    Template template = TemplateFixtures.projectTemplate();
    Maps.map(template.properties("Table").get(specification)).put(flag, false);

    // WHEN it is validated
    List<String> problems = validator.validate(template);

    // THEN the switch is named
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("Table.Properties." + specification + "." + flag, "must be true");
  }

  @Test
  void check_lambdaJarMissing_reportsRunMvnPackage(@TempDir Path empty) {
    // GIVEN no Lambda artifact where the handler check looks
    HandlerClassCheck check = new HandlerClassCheck(empty.resolve("lambda.jar"));

    // WHEN the project's functions are checked
    List<String> problems = check.check(TemplateFixtures.projectTemplate());

    // THEN the problem says how to build it
    assertThat(problems).singleElement().asString().contains("run mvn package");
  }
}
