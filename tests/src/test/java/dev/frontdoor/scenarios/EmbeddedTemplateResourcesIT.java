package dev.frontdoor.scenarios;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class EmbeddedTemplateResourcesIT extends TemplateResourcesScenarios {
  private static EmbeddedBackend backend;

  @BeforeAll
  static void start() {
    backend = new EmbeddedBackend();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Override
  AwsBackend backend() {
    return backend;
  }
}
