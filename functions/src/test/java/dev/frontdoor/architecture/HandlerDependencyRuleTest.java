package dev.frontdoor.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The handlers and the core they are built on, analysed together. */
@AnalyzeClasses(packages = "dev.frontdoor", importOptions = ImportOption.DoNotIncludeTests.class)
class HandlerDependencyRuleTest {

  @ArchTest
  static final ArchRule adaptersOnlyThroughTheWiring =
      HandlerDependencyRule.ADAPTERS_ONLY_THROUGH_THE_WIRING;

  @ArchTest
  static final ArchRule handlersUseOnlyPortIn = HandlerDependencyRule.HANDLERS_USE_ONLY_PORT_IN;

  @ArchTest
  static final ArchRule coreIgnoresFunctions = HandlerDependencyRule.CORE_IGNORES_FUNCTIONS;
}
