package dev.frontdoor.threads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of stored items an API answer may show, by kind: an allow-list, so an attribute added
 * to an item later (bookkeeping, who asked, under which key) stays internal until it is listed
 * here.
 */
public final class PublicFields {
  private static final Set<String> BUSINESS =
      Set.of("business_number_id", "display_phone_number", "waba_id");

  private static final Set<String> STATUS_TIMES =
      Set.of(
          "status_at_queued",
          "status_at_sending",
          "status_at_unknown",
          "status_at_sent",
          "status_at_failed",
          "status_at_delivered",
          "status_at_read",
          "status_at_dead_lettered");

  private static final Map<String, Set<String>> BY_ENTITY =
      Map.of(
          "message",
          union(
              BUSINESS,
              STATUS_TIMES,
              Set.of(
                  // both directions
                  "entity",
                  "at",
                  "direction",
                  "wamid",
                  "type",
                  "body",
                  "body_truncated",
                  // inbound, as Meta sent it (docs/data-model.md 5.5)
                  "meta_type",
                  "profile_name",
                  "user_id",
                  "username",
                  "received_at",
                  "media",
                  "media_archive",
                  "reply",
                  "reaction",
                  "location",
                  "contacts",
                  "order",
                  "system",
                  "context",
                  "referral",
                  "identity",
                  "errors",
                  "raw",
                  "raw_truncated",
                  "oversized",
                  // outbound (5.6)
                  "message_id",
                  "template",
                  "status",
                  "accepted_at",
                  "error",
                  "pricing",
                  "conversation",
                  "summary_of_call_id",
                  "dead_letter_reason",
                  "agent")),
          "status",
          union(
              BUSINESS,
              Set.of("entity", "at", "wamid", "status", "pricing", "conversation", "errors")),
          "call",
          union(
              BUSINESS,
              Set.of(
                  "entity",
                  "at",
                  "call_id",
                  "provider",
                  "provider_call_id",
                  "direction",
                  "business_number",
                  "started_at",
                  "answered_at",
                  "ended_at",
                  "duration_s",
                  "outcome",
                  "agent",
                  "wrap_up",
                  "summary")),
          "call_event",
          union(
              BUSINESS,
              Set.of(
                  "entity",
                  "at",
                  "call_id",
                  "provider",
                  "state",
                  "provider_status",
                  "sequence",
                  "duration_s",
                  "agent",
                  "payload")),
          "summary",
          Set.of("entity", "at", "call_id", "message_id", "mode", "template_name", "text", "by"));

  /**
   * The thread summary: from the {@code THREAD} and {@code OPTOUT} items (5.1, 5.2), and the call
   * permissions (5.2a) as of the read ({@link #callPermissions}).
   */
  private static final Set<String> THREAD =
      Set.of(
          "created_at",
          "last_activity_at",
          "business_numbers",
          "profile_name",
          "opted_out",
          "changed_at",
          "opted_out_at",
          "opt_in_at",
          "source",
          "call_permissions");

  /** What {@code GET /v1/messages/{id}} shows of a message, besides its status history. */
  private static final Set<String> MESSAGE_VIEW =
      Set.of(
          "message_id",
          "status",
          "wamid",
          "error",
          "dead_letter_reason",
          "pricing",
          "type",
          "business_number_id",
          "at",
          "summary_of_call_id",
          "agent");

  private PublicFields() {}

  /**
   * A timeline item as the API shows it; an item of an unknown kind shows only its kind and time.
   */
  public static Map<String, Object> timelineItem(Map<String, Object> item) {
    Set<String> allowed =
        BY_ENTITY.getOrDefault(String.valueOf(item.get("entity")), Set.of("entity", "at"));
    return only(item, allowed);
  }

  /** The thread's own fields (thread meta and opt-out state) as the API shows them. */
  public static Map<String, Object> thread(Map<String, Object> item) {
    return only(item, THREAD);
  }

  /**
   * The customer's permission to be called, per business number, as of {@code now} ({@link
   * CallPermission#viewAt}): {@code call_permissions} for the thread, when any answer is kept.
   */
  public static Optional<Map<String, Object>> callPermissions(
      List<CallPermission> permissions, Instant now) {
    if (permissions.isEmpty()) {
      return Optional.empty();
    }
    List<Map<String, Object>> shown = new ArrayList<>();
    permissions.stream()
        .sorted(Comparator.comparing(CallPermission::businessNumberId))
        .forEach(permission -> shown.add(permission.viewAt(now.toEpochMilli())));
    return Optional.of(Map.of("call_permissions", shown));
  }

  /** A message by its id as the API shows it: the view's fields and the first-seen times. */
  public static Map<String, Object> messageView(Map<String, Object> item) {
    Map<String, Object> view = new LinkedHashMap<>();
    Map<String, Object> history = new LinkedHashMap<>();
    item.forEach(
        (name, value) -> {
          if (MESSAGE_VIEW.contains(name) && !defaultedAgent(item, name)) {
            view.put(name, value);
          } else if (name.startsWith("status_at_")) {
            history.put(name.substring("status_at_".length()), value);
          }
        });
    view.put("status_history", history);
    return view;
  }

  private static Map<String, Object> only(Map<String, Object> item, Set<String> allowed) {
    Map<String, Object> shown = new LinkedHashMap<>();
    item.forEach(
        (name, value) -> {
          if (allowed.contains(name) && !defaultedAgent(item, name)) {
            shown.put(name, value);
          }
        });
    return shown;
  }

  /**
   * An {@code agent} the request did not name is the API client's id, the hash of its bearer token:
   * kept on the item, never shown, as {@code api_client} is not.
   */
  private static boolean defaultedAgent(Map<String, Object> item, String name) {
    return name.equals("agent")
        && java.util.Objects.equals(item.get("agent"), item.get("api_client"));
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    java.util.Set<String> all = new java.util.HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
