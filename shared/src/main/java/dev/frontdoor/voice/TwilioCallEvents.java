package dev.frontdoor.voice;

import static java.util.Map.entry;

import dev.frontdoor.common.Chars;
import dev.frontdoor.common.FormBody;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a Twilio voice status callback ({@code application/x-www-form-urlencoded}: {@code CallSid},
 * {@code CallStatus}, {@code Direction}, {@code From}, {@code To}, {@code Timestamp}, {@code
 * SequenceNumber}, {@code CallDuration}, ...) into a {@link CallEvent}. The same body with a query
 * string (a GET callback) reads the same.
 *
 * <p>States ({@code call_enum_status} and {@code call_enum_event} of twilio-oai): {@code queued},
 * {@code initiated} → INITIATED; {@code ringing} → RINGING; {@code in-progress}, {@code answered} →
 * ANSWERED; {@code completed} → COMPLETED; {@code busy} → BUSY; {@code failed} → FAILED; {@code
 * no-answer} → NO_ANSWER; {@code canceled} → CANCELLED. Any other status is malformed.
 *
 * <p>The customer is {@code From} of an inbound leg and {@code To} of an outbound one. Twilio's
 * other party kinds ({@code client:name}, {@code sip:...} or {@code name@host}, {@code sim:SID})
 * are the business's own endpoints (an agent's app, a PBX): when the customer's side is one, the
 * customer is the other side (an agent's app dialling a customer is an "inbound" client leg whose
 * {@code To} is the customer), which must then be a phone number, else the callback is malformed. A
 * party that is none of these is malformed.
 */
public final class TwilioCallEvents {
  private static final Map<String, CallState> STATES =
      Map.ofEntries(
          entry("queued", CallState.INITIATED),
          entry("initiated", CallState.INITIATED),
          entry("ringing", CallState.RINGING),
          entry("in-progress", CallState.ANSWERED),
          entry("answered", CallState.ANSWERED),
          entry("completed", CallState.COMPLETED),
          entry("busy", CallState.BUSY),
          entry("failed", CallState.FAILED),
          entry("no-answer", CallState.NO_ANSWER),
          entry("canceled", CallState.CANCELLED));

  /** twilio-oai's pattern for {@code sid} and {@code parent_call_sid}. */
  private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}");

  /** Form names kept in details, under snake_case names; none of them holds a phone number. */
  private static final Map<String, String> DETAILS =
      Map.of(
          "ParentCallSid", "parent_call_sid",
          "SipResponseCode", "sip_response_code",
          "CallbackSource", "callback_source",
          "AccountSid", "account_sid",
          "AnsweredBy", "answered_by",
          "ErrorCode", "error_code");

  private static final List<String> ENDPOINT_PREFIXES = List.of("client:", "sip:", "sim:");

  private final String defaultRegion;

  public TwilioCallEvents(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /**
   * @param body the form body as received (verified by the caller)
   * @param receivedAtMillis when Frontdoor received it: the event's time when it has no {@code
   *     Timestamp} (Twilio's answer webhook has none)
   */
  public CallEvent parse(byte[] body, long receivedAtMillis) {
    if (body == null || body.length == 0) {
      throw new MalformedCallEventException("the body is empty");
    }
    if (body.length > VoiceInput.MAX_BODY_BYTES) {
      throw new MalformedCallEventException(
          "the body is larger than " + VoiceInput.MAX_BODY_BYTES + " bytes");
    }
    String raw = VoiceInput.utf8(body);
    FormBody form;
    try {
      form = FormBody.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new MalformedCallEventException("the body is not a form: " + e.getMessage());
    }

    String callSid = form.first("CallSid").map(String::strip).orElse("");
    if (callSid.isEmpty()) {
      throw new MalformedCallEventException("CallSid is required");
    }
    if (!CALL_SID.matcher(callSid).matches()) {
      throw new MalformedCallEventException("CallSid must be CA followed by 32 hex digits");
    }
    String providerStatus = form.first("CallStatus").map(String::strip).orElse("");
    String status = VoiceInput.statusWord(providerStatus, "CallStatus");
    CallState state = STATES.get(status);
    if (state == null) {
      throw new MalformedCallEventException("CallStatus is not a Twilio call status");
    }
    String direction =
        VoiceInput.statusWord(form.first("Direction").map(String::strip).orElse(""), "Direction");
    boolean inbound = direction.equals("inbound");
    if (!inbound && !direction.equals("outbound-api") && !direction.equals("outbound-dial")) {
      throw new MalformedCallEventException(
          "Direction must be inbound, outbound-api or outbound-dial");
    }
    String from = party(form, "From");
    String to = party(form, "To");
    VoiceInput.Sides sides =
        inbound
            ? VoiceInput.sides("From", from, "To", to, true, defaultRegion)
            : VoiceInput.sides("To", to, "From", from, false, defaultRegion);

    long sequence = sequence(form.first("SequenceNumber").map(String::strip).orElse(null));
    String timestamp = form.first("Timestamp").map(String::strip).orElse("");
    long atMillis =
        timestamp.isEmpty()
            ? receivedAtMillis
            : VoiceInput.millis(
                timestamp,
                "Timestamp",
                DateTimeFormatter.RFC_1123_DATE_TIME,
                "an RFC 1123 date (Tue, 10 Jun 2025 12:00:00 +0000)");
    Integer duration =
        VoiceInput.seconds(
            form.first("CallDuration").map(String::strip).orElse(null), "CallDuration");

    Map<String, String> details = new LinkedHashMap<>();
    details.put("provider_direction", direction);
    DETAILS.forEach(
        (name, key) ->
            form.first(name).map(String::strip).ifPresent(v -> VoiceInput.detail(details, key, v)));
    String parent = details.get("parent_call_sid");
    if (parent != null && !CALL_SID.matcher(parent).matches()) {
      throw new MalformedCallEventException("ParentCallSid must be CA followed by 32 hex digits");
    }

    return new CallEvent(
        CallProvider.TWILIO,
        callSid,
        sequence < 0 ? status : status + "#" + sequence,
        sides.customer(),
        sides.business(),
        sides.direction(),
        state,
        providerStatus,
        atMillis,
        sequence,
        duration,
        null,
        details,
        () -> raw);
  }

  /** From or To: a phone number or one of Twilio's endpoint kinds, never anything else. */
  private static String party(FormBody form, String name) {
    String value = form.first(name).map(String::strip).orElse("");
    if (value.isEmpty()) {
      throw new MalformedCallEventException(name + " is required");
    }
    if (value.length() > VoiceInput.MAX_PARTY_CHARS) {
      throw new MalformedCallEventException(
          name + " is longer than " + VoiceInput.MAX_PARTY_CHARS + " characters");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    boolean endpoint =
        lower.contains("@") || ENDPOINT_PREFIXES.stream().anyMatch(lower::startsWith);
    if (!endpoint && !VoiceInput.looksLikePhone(value)) {
      throw new MalformedCallEventException(
          name + " is neither a phone number nor a client:, sip: or sim: address");
    }
    return value;
  }

  private static long sequence(String value) {
    if (value == null || value.isEmpty()) {
      return -1;
    }
    if (!Chars.digits(value, 1, 9, false)) {
      throw new MalformedCallEventException("SequenceNumber must be a whole number");
    }
    return Long.parseLong(value);
  }
}
