package dev.frontdoor.inbound;

import dev.frontdoor.common.Chars;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import dev.frontdoor.threads.WhatsAppCallEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WhatsApp Business Calling event, already read from Meta's webhook by the inbound parser, as a
 * {@link CallEvent} like any other provider's.
 *
 * <p>States: {@code connect} of a user-initiated call → RINGING (the customer is calling the
 * business); {@code connect} of a business-initiated call → INITIATED (the call is set up; the
 * customer's answer comes as the ACCEPTED status); call statuses {@code RINGING}, {@code ACCEPTED},
 * {@code REJECTED} (any case) → RINGING, ANSWERED, REJECTED; {@code terminate} → FAILED when its
 * status is FAILED or it reports errors, else COMPLETED when the call was answered (it has a {@code
 * start_time} or a non-zero {@code duration}), else NO_ANSWER. Any other event or status is {@link
 * NotACallState}: Meta adds values, and the event itself is stored raw by the inbound path anyway.
 *
 * <p>The business side is the WhatsApp {@code phone_number_id} (data model 5.8: {@code
 * business_number_id} for WhatsApp calls); the event key is {@link WhatsAppCallEvent#eventKey()}.
 */
public final class WhatsAppCallEvents {
  private static final int MAX_DETAIL_CHARS = 512;

  private WhatsAppCallEvents() {}

  public static ParsedCallEvent toCallEvent(WhatsAppCallEvent call) {
    String event = call.event() == null ? "" : call.event().toLowerCase(Locale.ROOT);
    String status = call.status() == null ? null : call.status().toUpperCase(Locale.ROOT);
    CallDirection direction =
        switch (call.direction() == null ? "" : call.direction().toUpperCase(Locale.ROOT)) {
          case "USER_INITIATED" -> CallDirection.INBOUND;
          case "BUSINESS_INITIATED" -> CallDirection.OUTBOUND;
          default ->
              throw new MalformedWebhookException(
                  "direction must be USER_INITIATED or BUSINESS_INITIATED");
        };
    Map<String, Object> callDetails = call.details();
    Integer duration = seconds(string(callDetails.get("duration")));

    CallState state;
    switch (event) {
      case "connect" ->
          state = direction == CallDirection.INBOUND ? CallState.RINGING : CallState.INITIATED;
      case "terminate" -> {
        boolean failed = "FAILED".equals(status) || callDetails.containsKey("errors");
        boolean answered =
            callDetails.get("start_time") != null || duration != null && duration > 0;
        state = failed ? CallState.FAILED : answered ? CallState.COMPLETED : CallState.NO_ANSWER;
      }
      case "status" -> {
        state =
            switch (status == null ? "" : status) {
              case "RINGING" -> CallState.RINGING;
              case "ACCEPTED" -> CallState.ANSWERED;
              case "REJECTED" -> CallState.REJECTED;
              default -> null;
            };
        if (state == null) {
          return new NotACallState(
              CallProvider.WHATSAPP, call.callId(), call.status(), "a call status not mapped");
        }
      }
      default -> {
        return new NotACallState(
            CallProvider.WHATSAPP,
            call.callId(),
            call.status(),
            "a WhatsApp call event that is not a call state");
      }
    }

    Map<String, String> details = new LinkedHashMap<>();
    detail(details, "whatsapp_event", call.event());
    callDetails.forEach((name, value) -> detail(details, name, string(value)));
    if (call.business() != null) {
      detail(details, "waba_id", call.business().wabaId());
    }
    return new CallEvent(
        CallProvider.WHATSAPP,
        call.callId(),
        call.eventKey(),
        call.customer(),
        call.business() == null ? null : call.business().phoneNumberId(),
        direction,
        state,
        call.status() != null ? call.status() : call.event(),
        call.atMillis(),
        -1,
        duration,
        null,
        details,
        call.source());
  }

  private static Integer seconds(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!Chars.digits(value, 1, 9, false)) {
      throw new MalformedWebhookException("duration must be a whole number of seconds");
    }
    return Integer.valueOf(value);
  }

  /** Extra fields are context, not content: each kept short. */
  private static void detail(Map<String, String> details, String name, String value) {
    if (value != null && !value.isEmpty()) {
      details.put(
          name, value.length() > MAX_DETAIL_CHARS ? value.substring(0, MAX_DETAIL_CHARS) : value);
    }
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
