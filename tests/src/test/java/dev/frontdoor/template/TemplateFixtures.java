package dev.frontdoor.template;

import dev.frontdoor.infra.template.CfnYaml;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Fresh copies of the project's template for tests to break, one place at a time. */
final class TemplateFixtures {
  static final String OUTBOUND_CONSUMER = "/template/outbound-consumer-function.yaml";

  private TemplateFixtures() {}

  /** Loaded anew each time, so one test's mutation never leaks into another. */
  static Template projectTemplate() {
    return Template.load(ProjectPaths.template());
  }

  /** Adds a function that consumes OutboundQueue through an SQS event (Timeout 30). */
  static Template withOutboundConsumer(Template template) {
    try (Reader reader =
        new InputStreamReader(
            Objects.requireNonNull(
                TemplateFixtures.class.getResourceAsStream(OUTBOUND_CONSUMER), OUTBOUND_CONSUMER),
            StandardCharsets.UTF_8)) {
      template.resources().putAll(CfnYaml.parse(reader));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return template;
  }
}
