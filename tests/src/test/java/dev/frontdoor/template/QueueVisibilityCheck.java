package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A queue that feeds a function through an SQS event keeps each received message invisible for at
 * least six times the function's timeout, plus the event's batching window (AWS's guidance for SQS
 * event sources): with less, a message still being processed (or retried by Lambda's poller) shows
 * up again and is handled twice. A consumer that dead-letters on its own last attempt (to attach
 * the reason, or records its own final outcome) must know that attempt: its receive-count variable
 * ({@code OUTBOUND_MAX_RECEIVE_COUNT} for the sender, {@code MEDIA_ARCHIVE_MAX_ATTEMPTS} for the
 * media archiver) equals the queue's {@code maxReceiveCount}.
 */
final class QueueVisibilityCheck implements TemplateCheck {
  static final long SQS_DEFAULT_VISIBILITY = 30;
  static final long LAMBDA_DEFAULT_TIMEOUT = 3;
  static final String RECEIVE_COUNT_VARIABLE = "OUTBOUND_MAX_RECEIVE_COUNT";

  /** The other consumers' names for the same number, read when the sender's is not set. */
  static final List<String> OTHER_RECEIVE_COUNT_VARIABLES = List.of("MEDIA_ARCHIVE_MAX_ATTEMPTS");

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
    checkReceiveCount(template, function, queue.get(), problems);
    if (visibility.isPresent() && visibility.get() < needed) {
      String batching = window > 0 ? " + batching window %ds".formatted(window) : "";
      problems.add(
          "%s.Properties.VisibilityTimeout: %ds is less than 6 x %s Timeout %ds%s = %ds (event %s)"
              .formatted(
                  queue.get(), visibility.get(), function, timeout, batching, needed, event));
    }
  }

  private static void checkReceiveCount(
      Template template, String function, String queue, List<String> problems) {
    Object policy = template.properties(queue).get("RedrivePolicy");
    if (policy == null) {
      return;
    }
    Optional<Long> queueCount = Maps.wholeNumber(Maps.map(policy).get("maxReceiveCount"));
    Map<String, Object> variables =
        Maps.map(Maps.map(template.properties(function).get("Environment")).get("Variables"));
    String name = RECEIVE_COUNT_VARIABLE;
    for (String other : OTHER_RECEIVE_COUNT_VARIABLES) {
      if (!variables.containsKey(name) && variables.containsKey(other)) {
        name = other;
      }
    }
    Object variable = variables.get(name);
    Optional<Long> functionCount = variable == null ? Optional.empty() : Maps.wholeNumber(variable);
    if (queueCount.isPresent() && !queueCount.equals(functionCount)) {
      problems.add(
          "%s.Properties.Environment.Variables.%s: %s, but %s.RedrivePolicy.maxReceiveCount is %d"
              .formatted(
                  function,
                  name,
                  variable == null ? "not set" : variable,
                  queue,
                  queueCount.get()));
    }
  }
}
