package dev.frontdoor.scenarios;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same scenarios on LocalStack; skipped (not failed) where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTemplateResourcesIT extends TemplateResourcesScenarios {
  @Container static final LocalStackContainer LOCALSTACK = LocalStackBackend.container();
  private static LocalStackBackend backend;

  @BeforeAll
  static void connect() {
    backend = new LocalStackBackend(LOCALSTACK);
  }

  @AfterAll
  static void disconnect() {
    backend.close();
  }

  @Override
  AwsBackend backend() {
    return backend;
  }
}
