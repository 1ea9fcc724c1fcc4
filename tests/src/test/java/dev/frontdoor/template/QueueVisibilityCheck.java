package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A queue that feeds a function through an SQS event keeps each received message invisible for at
 * least six times the function's timeout, plus the event's batching window (AWS's guidance for SQS
 * event sources): with less, a message still being processed (or retried by Lambda's poller) shows
 * up again and is handled twice.
 */
final class QueueVisibilityCheck implements TemplateCheck {
  static final long SQS_DEFAULT_VISIBILITY = 30;
  static final long LAMBDA_DEFAULT_TIMEOUT = 3;

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    for (String function : template.resourcesOfType(Template.SAM_FUNCTION).keySet()) {
      Optional<Long> timeout =
          Maps.wholeNumber(
              template.functionSetting(function, "Timeout").orElse(LAMBDA_DEFAULT_TIMEOUT));
      if (timeout.isEmpty()) {
        continue; // an intrinsic timeout is unknown offline
      }
      Maps.map(template.properties(function).get("Events"))
          .forEach(
              (event, definition) ->
                  checkEvent(
                      template, function, event, Maps.map(definition), timeout.get(), problems));
    }
    return problems;
  }

  private static void checkEvent(
      Template template,
      String function,
      String event,
      Map<String, Object> definition,
      long timeout,
      List<String> problems) {
    Map<String, Object> properties = Maps.map(definition.get("Properties"));
    Optional<String> queue =
        Intrinsics.arnOf(properties.get("Queue"))
            .filter(id -> template.type(id).equals(FifoQueueCheck.QUEUE));
    if (!"SQS".equals(definition.get("Type")) || queue.isEmpty()) {
      return;
    }
    // Intrinsic or malformed numbers read as empty: other checks report them.
    long window =
        Maps.wholeNumber(properties.getOrDefault("MaximumBatchingWindowInSeconds", 0)).orElse(0L);
    Optional<Long> visibility =
        Maps.wholeNumber(
            template
                .properties(queue.get())
                .getOrDefault("VisibilityTimeout", SQS_DEFAULT_VISIBILITY));
    long needed = 6 * timeout + window;
    if (visibility.isPresent() && visibility.get() < needed) {
      String batching = window > 0 ? " + batching window %ds".formatted(window) : "";
      problems.add(
          "%s.Properties.VisibilityTimeout: %ds is less than 6 x %s Timeout %ds%s = %ds (event %s)"
              .formatted(
                  queue.get(), visibility.get(), function, timeout, batching, needed, event));
    }
  }
}
