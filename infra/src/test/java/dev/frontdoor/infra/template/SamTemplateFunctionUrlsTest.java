package dev.frontdoor.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which functions the local runtime serves on a function URL: those with FunctionUrlConfig. */
class SamTemplateFunctionUrlsTest {

  @Test
  void functionUrls_areTheFunctionsWithFunctionUrlConfig_withTheirHandlerClass() {
    SamTemplate template =
        SamTemplate.of(
            CfnYaml.parse(
                new StringReader(
                    String.join(
                        "\n",
                        "Resources:",
                        "  Api:",
                        "    Type: AWS::Serverless::Function",
                        "    Properties:",
                        "      Handler: x.Api::handleRequest",
                        "      FunctionUrlConfig: {AuthType: NONE}",
                        "  Sender:",
                        "    Type: AWS::Serverless::Function",
                        "    Properties:",
                        "      Handler: x.Sender::handleRequest",
                        "  Queue:",
                        "    Type: AWS::SQS::Queue",
                        "    Properties:",
                        "      FunctionUrlConfig: {AuthType: NONE}"))));

    assertThat(template.functionUrls())
        .containsExactly(new SamTemplate.FunctionUrl("Api", "x.Api::handleRequest"));
    assertThat(template.functionUrls().get(0).handlerClass()).isEqualTo("x.Api");
  }

  @Test
  void projectTemplate_opensTheWebhooksAndTheApiOnFunctionUrls() {
    SamTemplate template = SamTemplate.load(Path.of("../template.yaml"));

    assertThat(template.functionUrls())
        .extracting(SamTemplate.FunctionUrl::functionId)
        .containsExactlyInAnyOrder(
            "WhatsAppWebhookFunction", "ApiFunction", "VoiceWebhookFunction");
  }
}
