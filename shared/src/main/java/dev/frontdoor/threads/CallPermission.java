package dev.frontdoor.threads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's answer to a business's request for permission to call (WhatsApp Business Calling),
 * with one business number: Meta grants it to the business phone number, not the business ({@code
 * /{Phone-Number-ID}/call_permissions} in the Cloud API). The latest answer by the message's time
 * is the customer's current permission (docs/data-model.md, 5.2a).
 *
 * <p>The answer arrives as an inbound {@code interactive} message of type {@code
 * call_permission_reply}, which {@code WebhookParser} keeps as the message's {@code reply} like any
 * interactive reply: {@code {kind, response: accept|reject, is_permanent, expiration_timestamp
 * (unix seconds, when temporary), response_source: user_action|automatic}}.
 *
 * @param expiresAt when an accepted, temporary permission ends (ms); absent when permanent or
 *     unknown
 * @param answeredAt the reply's time (Meta's message timestamp, ms)
 */
public record CallPermission(
    String businessNumberId,
    String response,
    boolean permanent,
    Optional<Long> expiresAt,
    long answeredAt,
    String wamid,
    Optional<String> responseSource) {

  /** The stored attribute for {@link #expiresAt}: {@code expires_at} is the item's TTL. */
  public static final String EXPIRES_ATTRIBUTE = "permission_expires_at";

  /** The permission a message answers, when it is a well-formed call permission reply. */
  public static Optional<CallPermission> of(InboundMessage message) {
    if (!"interactive".equals(message.type())
        || !(message.details().get("reply") instanceof Map<?, ?> reply)
        || !"call_permission_reply".equals(reply.get("kind"))) {
      return Optional.empty();
    }
    Object response = reply.get("response");
    if (!"accept".equals(response) && !"reject".equals(response)) {
      return Optional.empty();
    }
    return Optional.of(
        new CallPermission(
            message.business().phoneNumberId(),
            (String) response,
            Boolean.TRUE.equals(reply.get("is_permanent")),
            seconds(reply.get("expiration_timestamp")).map(s -> s * 1000),
            message.atMillis(),
            message.wamid(),
            Optional.ofNullable(reply.get("response_source"))
                .filter(String.class::isInstance)
                .map(String.class::cast)));
  }

  /** A stored permission item's attributes (as {@link #attributes()} wrote them). */
  public static CallPermission fromStored(Map<String, Object> item) {
    return new CallPermission(
        (String) item.get("business_number_id"),
        (String) item.get("response"),
        Boolean.TRUE.equals(item.get("permanent")),
        Optional.ofNullable((Number) item.get(EXPIRES_ATTRIBUTE)).map(Number::longValue),
        ((Number) item.get("answered_at")).longValue(),
        (String) item.get("wamid"),
        Optional.ofNullable((String) item.get("response_source")));
  }

  /** The attributes a store keeps (besides keys, bookkeeping and TTL). */
  public Map<String, Object> attributes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("business_number_id", businessNumberId);
    values.put("response", response);
    values.put("permanent", permanent);
    expiresAt.ifPresent(at -> values.put(EXPIRES_ATTRIBUTE, at));
    values.put("answered_at", answeredAt);
    values.put("wamid", wamid);
    responseSource.ifPresent(source -> values.put("response_source", source));
    return values;
  }

  /**
   * Whether this answer replaces {@code older}: a later answer, or at the same second (Meta's
   * timestamps are whole seconds) the greater wamid, so any arrival order ends on the same one.
   */
  public boolean supersedes(CallPermission older) {
    return answeredAt > older.answeredAt
        || answeredAt == older.answeredAt && wamid.compareTo(older.wamid) > 0;
  }

  /**
   * As of {@code nowMillis}: {@code granted}, {@code denied}, or {@code expired} (an accepted,
   * temporary permission past its end).
   */
  public String statusAt(long nowMillis) {
    if (!response.equals("accept")) {
      return "denied";
    }
    if (permanent || expiresAt.isEmpty() || nowMillis < expiresAt.get()) {
      return "granted";
    }
    return "expired";
  }

  /** How the thread read shows it at {@code nowMillis}. */
  public Map<String, Object> viewAt(long nowMillis) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("business_number_id", businessNumberId);
    view.put("status", statusAt(nowMillis));
    view.put("permanent", permanent);
    expiresAt.ifPresent(at -> view.put("expires_at", at));
    view.put("answered_at", answeredAt);
    return view;
  }

  private static Optional<Long> seconds(Object value) {
    if (value instanceof Number number) {
      return Optional.of(number.longValue()).filter(s -> s > 0);
    }
    if (value instanceof String text && text.matches("[0-9]{1,11}")) {
      return Optional.of(Long.parseLong(text)).filter(s -> s > 0);
    }
    return Optional.empty();
  }
}
