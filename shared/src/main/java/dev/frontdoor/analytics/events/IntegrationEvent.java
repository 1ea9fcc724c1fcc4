package dev.frontdoor.analytics.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One published event (docs/events.md): the envelope {@code {"version", "id", "type", "source",
 * "time", "data"}}.
 *
 * @param id stable: derived from the stored item and the change, so a replayed stream record gives
 *     the same id (receivers deduplicate on it)
 * @param timeMillis when it happened, from the item (not when it was published)
 * @param data ids, {@code customer_ref}, status, times, error codes; never a phone number, and a
 *     body only when {@code EVENTS_INCLUDE_BODY=true}
 */
public record IntegrationEvent(String id, String type, long timeMillis, Map<String, Object> data) {
  /** The schema's version: a change that receivers of this version cannot ignore bumps it. */
  public static final String VERSION = "1";

  /** EventBridge {@code source}, and the envelope's. */
  public static final String SOURCE = "frontdoor";

  private static final ObjectMapper JSON = new ObjectMapper();

  public IntegrationEvent {
    data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /**
   * The envelope as JSON, field order fixed: what EventBridge's detail and a webhook body carry.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("id", id);
    root.put("type", type);
    root.put("source", SOURCE);
    root.put("time", Instant.ofEpochMilli(timeMillis).toString());
    root.set("data", JSON.valueToTree(data));
    return root.toString();
  }
}
