package dev.frontdoor.template;

import java.nio.file.Path;

/**
 * Where the template, the specs and the Lambda artifact live. Surefire passes the repository root
 * and the specs directory as system properties; run from an IDE, the working directory is the tests
 * module, so the fallbacks are relative to it.
 */
final class ProjectPaths {
  static final String LAMBDA_JAR = "functions/target/frontdoor-functions-0.1.0-SNAPSHOT-lambda.jar";

  private ProjectPaths() {}

  static Path root() {
    return fromProperty("frontdoor.root", "..");
  }

  static Path specs() {
    return fromProperty("frontdoor.specs", "../../shared/specs");
  }

  static Path template() {
    return root().resolve("template.yaml");
  }

  static Path lambdaJar() {
    return root().resolve(LAMBDA_JAR);
  }

  static Path samSchema() {
    return specs().resolve("aws-sam/sam.schema.json");
  }

  static Path cfnSpecification() {
    return specs().resolve("aws-cfn/specification.json");
  }

  private static Path fromProperty(String property, String fallback) {
    String value = System.getProperty(property);
    return Path.of(value == null || value.isBlank() ? fallback : value)
        .toAbsolutePath()
        .normalize();
  }
}
