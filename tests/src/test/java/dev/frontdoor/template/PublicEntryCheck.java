package dev.frontdoor.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Only a function whose handler authenticates its caller may be reachable over HTTP (a function
 * URL, or an HTTP API or REST API event): the WhatsApp webhook (Meta's signature on the raw bytes),
 * the voice webhooks (each provider's signature) and the API (a bearer token). Every other function
 * is called by AWS alone: Amazon Connect's events through EventBridge with IAM, the queues, the
 * table's stream. A new public entry must be added here on purpose, with its handler's check.
 */
final class PublicEntryCheck implements TemplateCheck {
  static final Set<String> AUTHENTICATING =
      Set.of("WhatsAppWebhookFunction", "VoiceWebhookFunction", "ApiFunction");

  private static final Set<String> HTTP_EVENTS = Set.of("HttpApi", "Api");

  @Override
  public List<String> check(Template template) {
    List<String> problems = new ArrayList<>();
    for (String id : template.resourcesOfType(Template.SAM_FUNCTION).keySet()) {
      if (AUTHENTICATING.contains(id)) {
        continue;
      }
      Map<String, Object> properties = template.properties(id);
      if (properties.containsKey("FunctionUrlConfig")) {
        problems.add(
            id
                + ".Properties.FunctionUrlConfig: a public URL on a function that does not"
                + " authenticate its caller");
      }
      Object events = properties.get("Events");
      if (events instanceof Map<?, ?> byName) {
        byName.forEach(
            (name, event) -> {
              Object type = Maps.map(event).get("Type");
              if (HTTP_EVENTS.contains(type)) {
                problems.add(
                    "%s.Properties.Events.%s: a %s route to a function that does not authenticate its caller"
                        .formatted(id, name, type));
              }
            });
      }
    }
    return problems;
  }
}
