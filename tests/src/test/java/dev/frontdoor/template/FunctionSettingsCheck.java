package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project's choices for every SAM function, which neither the SAM schema nor the CloudFormation
 * specification constrains: a Java runtime the handlers are compiled for, Graviton, and memory and
 * timeout inside Lambda's limits (512 MB floor: below it the JVM starts too slowly). Each setting
 * comes from the function or, failing that, from {@code Globals.Function}.
 */
final class FunctionSettingsCheck implements TemplateCheck {
  static final Set<String> RUNTIMES = Set.of("java17", "java21");
  private static final List<Range> RANGES =
      List.of(new Range("MemorySize", 128, 512, 10240), new Range("Timeout", 3, 1, 900));

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    for (String id : template.resourcesOfType(Template.SAM_FUNCTION).keySet()) {
      if (isImage(template, id)) {
        continue; // a container image brings its own runtime
      }
      checkRuntime(template, id, problems);
      checkArchitectures(template, id, problems);
      for (Range range : RANGES) {
        checkRange(template, id, range, problems);
      }
    }
    return problems;
  }

  private static boolean isImage(Template template, String id) {
    return "Image".equals(template.functionSetting(id, "PackageType").orElse("Zip"));
  }

  private static void checkRuntime(Template template, String id, List<String> problems) {
    Optional<Object> runtime = template.functionSetting(id, "Runtime");
    if (runtime.isEmpty()) {
      problems.add(id + ".Properties.Runtime: missing (neither on the function nor in Globals)");
    } else if (!Intrinsics.isIntrinsic(runtime.get()) && !RUNTIMES.contains(runtime.get())) {
      problems.add(
          "%s.Properties.Runtime: %s is not one of %s"
              .formatted(id, CfnPrimitive.describe(runtime.get()), RUNTIMES));
    }
  }

  private static void checkArchitectures(Template template, String id, List<String> problems) {
    // Absent means x86_64, so it is a problem too.
    Object architectures = template.functionSetting(id, "Architectures").orElse(List.of("x86_64"));
    if (!Intrinsics.isIntrinsic(architectures) && !List.of("arm64").equals(architectures)) {
      problems.add(
          "%s.Properties.Architectures: %s, expected [arm64]"
              .formatted(id, CfnPrimitive.describe(architectures)));
    }
  }

  private static void checkRange(Template template, String id, Range range, List<String> problems) {
    Object value = template.functionSetting(id, range.property()).orElse(range.lambdaDefault());
    if (Intrinsics.isIntrinsic(value)) {
      return;
    }
    Optional<Long> number = Maps.wholeNumber(value);
    if (number.isEmpty() || number.get() < range.min() || number.get() > range.max()) {
      problems.add(
          "%s.Properties.%s: %s is not in %d..%d"
              .formatted(
                  id, range.property(), CfnPrimitive.describe(value), range.min(), range.max()));
    }
  }

  /** {@code lambdaDefault} applies when neither the function nor Globals sets the property. */
  private record Range(String property, long lambdaDefault, long min, long max) {}
}
