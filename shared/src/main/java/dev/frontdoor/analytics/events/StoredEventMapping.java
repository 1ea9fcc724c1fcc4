package dev.frontdoor.analytics.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored change is which event (docs/data-model.md 14), and what the event says. Zero or one
 * event per change:
 *
 * <ul>
 *   <li>{@code message.received}: an inbound message item inserted;
 *   <li>{@code message.status_changed}: a message item whose {@code status} changed;
 *   <li>{@code summary.sent}: instead, when that message carries a call summary and its new status
 *       is {@code sent};
 *   <li>{@code call.ended}: a call item whose {@code ended_at} is newly present (inserted already
 *       ended, too: a call whose end overtook its other events is stored ended at once);
 *   <li>{@code customer.erased}: an erasure tombstone newly {@code completed};
 *   <li>nothing for anything else: lookups, statuses' own items, pending statuses, idempotency and
 *       limiter items, every {@code REMOVE} (TTL deletions and erasure deletes; the tombstone
 *       announces an erasure).
 * </ul>
 *
 * <p>Data never carries a phone number, a BSUID, a profile name or the Graph API payload; the
 * message's text only when {@code includeBody}.
 */
public final class StoredEventMapping {
  /**
   * The send API client name a call summary is sent under, and its idempotency key's prefix ({@code
   * summary:<call id>:<form>}, voice.CallSummaries): how a summary message is recognised when it
   * carries no {@code summary_of_call_id}.
   */
  static final String SUMMARY_CLIENT = "frontdoor-summary";

  private static final String SUMMARY_KEY_PREFIX = "summary:";

  private final boolean includeBody;

  public StoredEventMapping(boolean includeBody) {
    this.includeBody = includeBody;
  }

  public Optional<IntegrationEvent> eventOf(StoredChange change) {
    if (change.kind() == StoredChange.Kind.REMOVE) {
      return Optional.empty();
    }
    Map<String, Object> now = change.newImage();
    Map<String, Object> before = change.oldImage();
    String entity = text(now, "entity");
    if (entity == null) {
      return Optional.empty();
    }
    switch (entity) {
      case "message":
        return message(change.kind(), before, now);
      case "call":
        return callEnded(before, now);
      case "tombstone":
        return customerErased(before, now);
      default:
        return Optional.empty();
    }
  }

  private Optional<IntegrationEvent> message(
      StoredChange.Kind kind, Map<String, Object> before, Map<String, Object> now) {
    if (kind == StoredChange.Kind.INSERT) {
      return "in".equals(text(now, "direction")) ? Optional.of(received(now)) : Optional.empty();
    }
    String status = text(now, "status");
    if (status == null || status.equals(text(before, "status"))) {
      return Optional.empty();
    }
    Optional<String> summaryOf = summaryOfCallId(now);
    if (summaryOf.isPresent() && status.equals("sent")) {
      return Optional.of(summarySent(now, summaryOf.get()));
    }
    return Optional.of(statusChanged(before, now, status, summaryOf));
  }

  private IntegrationEvent received(Map<String, Object> item) {
    Map<String, Object> data = new LinkedHashMap<>();
    copy(item, data, "wamid", "customer_ref", "business_number_id", "waba_id", "type");
    data.put("direction", "in");
    copy(item, data, "at", "received_at");
    if (includeBody) {
      copy(item, data, "body");
    }
    String sk = text(item, "sk");
    return new IntegrationEvent(
        id(EventTypes.MESSAGE_RECEIVED, sk, ""),
        EventTypes.MESSAGE_RECEIVED,
        millis(item, "at", millis(item, "received_at", 0)),
        data);
  }

  private IntegrationEvent statusChanged(
      Map<String, Object> before,
      Map<String, Object> now,
      String status,
      Optional<String> summaryOf) {
    Map<String, Object> data = new LinkedHashMap<>();
    copy(now, data, "message_id", "wamid", "customer_ref", "business_number_id");
    copy(now, data, "direction", "type");
    data.put("status", status);
    String previous = text(before, "status");
    if (previous != null) {
      data.put("previous_status", previous);
    }
    long at = millis(now, "status_at_" + status, millis(now, "at", 0));
    data.put("status_at", at);
    if (now.get("error") instanceof Map<?, ?> error) {
      Map<String, Object> kept = new LinkedHashMap<>();
      copy(error, kept, "code", "title", "source", "reason");
      data.put("error", kept);
    }
    if (now.get("pricing") instanceof Map<?, ?> pricing) {
      Map<String, Object> kept = new LinkedHashMap<>();
      copy(pricing, kept, "category", "pricing_model", "type");
      data.put("pricing", kept);
    }
    summaryOf.ifPresent(callId -> data.put("summary_of_call_id", callId));
    return new IntegrationEvent(
        id(EventTypes.MESSAGE_STATUS_CHANGED, text(now, "sk"), status),
        EventTypes.MESSAGE_STATUS_CHANGED,
        at,
        data);
  }

  private IntegrationEvent summarySent(Map<String, Object> item, String callId) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("call_id", callId);
    copy(item, data, "message_id", "wamid", "customer_ref", "business_number_id", "type");
    data.put("status", "sent");
    long at = millis(item, "status_at_sent", millis(item, "at", 0));
    data.put("sent_at", at);
    if (includeBody) {
      copy(item, data, "body");
    }
    return new IntegrationEvent(
        id(EventTypes.SUMMARY_SENT, text(item, "sk"), "sent"), EventTypes.SUMMARY_SENT, at, data);
  }

  private Optional<IntegrationEvent> callEnded(
      Map<String, Object> before, Map<String, Object> now) {
    if (now.get("ended_at") == null || before.get("ended_at") != null) {
      return Optional.empty();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    copy(now, data, "call_id", "provider", "provider_call_id", "direction", "customer_ref");
    copy(now, data, "business_number_id", "started_at", "answered_at", "ended_at");
    copy(now, data, "duration_s", "outcome");
    return Optional.of(
        new IntegrationEvent(
            id(EventTypes.CALL_ENDED, text(now, "sk"), ""),
            EventTypes.CALL_ENDED,
            millis(now, "ended_at", 0),
            data));
  }

  private Optional<IntegrationEvent> customerErased(
      Map<String, Object> before, Map<String, Object> now) {
    if (!"completed".equals(text(now, "state"))) {
      return Optional.empty();
    }
    // A repeated erasure writes a new tombstone (a later erased_at) and completes it again: each
    // completion is announced once, a rewrite of the same completion is not.
    if ("completed".equals(text(before, "state"))
        && Objects.equals(number(before, "erased_at"), number(now, "erased_at"))) {
      return Optional.empty();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    copy(now, data, "customer_ref", "erased_at", "completed_at", "items_deleted");
    long erasedAt = millis(now, "erased_at", 0);
    return Optional.of(
        new IntegrationEvent(
            id(EventTypes.CUSTOMER_ERASED, text(now, "pk"), Long.toString(erasedAt)),
            EventTypes.CUSTOMER_ERASED,
            millis(now, "completed_at", erasedAt),
            data));
  }

  /** The call a message summarises, when it carries one. */
  static Optional<String> summaryOfCallId(Map<String, Object> message) {
    String explicit = text(message, "summary_of_call_id");
    if (explicit != null) {
      return Optional.of(explicit);
    }
    String key = text(message, "idempotency_key");
    if (!SUMMARY_CLIENT.equals(text(message, "api_client"))
        || key == null
        || !key.startsWith(SUMMARY_KEY_PREFIX)) {
      return Optional.empty();
    }
    String rest = key.substring(SUMMARY_KEY_PREFIX.length());
    int colon = rest.indexOf(':');
    String callId = colon < 0 ? rest : rest.substring(0, colon);
    return callId.isEmpty() ? Optional.empty() : Optional.of(callId);
  }

  /**
   * The event's id: a digest of its type, the item's key and what changed, so the same change
   * replayed (a retried stream batch) gives the same id. The customer partition key, which holds
   * the number, is never part of it: timeline sort keys are unique on their own (they hold the
   * message's or call's id), and the tombstone's key holds only the customer_ref.
   */
  static String id(String type, String key, String discriminator) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          digest.digest(
              (type + "\n" + key + "\n" + discriminator).getBytes(StandardCharsets.UTF_8));
      return "evt_" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  private static void copy(Map<?, ?> from, Map<String, Object> to, String... names) {
    for (String name : names) {
      Object value = from.get(name);
      if (value != null) {
        to.put(name, value instanceof BigDecimal number ? plain(number) : value);
      }
    }
  }

  /** Whole numbers as longs, so JSON shows {@code 1749416383000}, not {@code 1.749416383E12}. */
  private static Object plain(BigDecimal number) {
    try {
      return number.longValueExact();
    } catch (ArithmeticException fractional) {
      return number;
    }
  }

  private static String text(Map<String, Object> item, String name) {
    return item.get(name) instanceof String value ? value : null;
  }

  private static BigDecimal number(Map<String, Object> item, String name) {
    Object value = item.get(name);
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    return value instanceof Number number ? new BigDecimal(number.toString()) : null;
  }

  private static long millis(Map<String, Object> item, String name, long fallback) {
    BigDecimal value = number(item, name);
    return value == null ? fallback : value.longValue();
  }
}
