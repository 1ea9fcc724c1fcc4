package dev.frontdoor.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.Chars;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Frontdoor's own call event format, for any provider that signs webhooks the Standard
 * Webhooks way (docs/voice-generic-webhook.md), into a {@link CallEvent}. The format is ours, so it
 * is read strictly: an unknown field, a wrong type or a value out of range is refused with a reason
 * naming the field, so that an integrator finds mistakes on the first try.
 *
 * <p>{@code status} is a {@link CallState#wireName()} (any letter case); {@code direction} is seen
 * from the customer, who is {@code from} of an inbound call and {@code to} of an outbound one and
 * must be a phone number. The event key is the {@code webhook-id} header.
 */
public final class GenericCallEvents {
  static final int MAX_DETAILS = 20;

  private static final Set<String> FIELDS =
      Set.of(
          "call_id",
          "status",
          "direction",
          "from",
          "to",
          "timestamp",
          "duration_s",
          "sequence",
          "agent",
          "details",
          "wrap_up");

  private static final Pattern DETAIL_NAME = Pattern.compile("[a-z0-9_]{1,64}");

  private final String defaultRegion;

  public GenericCallEvents(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /**
   * The provider's own wrap-up of the call, when the event carries one ({@code "wrap_up"}: the
   * fields of {@code POST /v1/calls/{callId}/wrap-up}), as its JSON; checked by the wrap-up reader.
   */
  public static Optional<byte[]> wrapUp(byte[] body) {
    JsonNode wrapUp = VoiceInput.object(body).get("wrap_up");
    if (wrapUp == null || wrapUp.isNull()) {
      return Optional.empty();
    }
    if (!wrapUp.isObject()) {
      throw new MalformedCallEventException("wrap_up must be an object");
    }
    return Optional.of(JsonTrees.writeBytes(wrapUp));
  }

  /**
   * @param body the JSON body as received (its signature verified by the caller)
   * @param webhookId the {@code webhook-id} header: the same for every retry of one event
   */
  public CallEvent parse(byte[] body, String webhookId) {
    String eventKey = VoiceInput.id(webhookId == null ? null : webhookId.strip(), "webhook-id");
    JsonNode root = VoiceInput.object(body);
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new MalformedCallEventException(
            "unknown field \"" + (name.length() > 64 ? name.substring(0, 64) : name) + "\"");
      }
    }
    String callId =
        VoiceInput.id(VoiceInput.text(root, "call_id", VoiceInput.MAX_ID_CHARS, false), "call_id");
    String providerStatus = VoiceInput.required(root, "status", VoiceInput.MAX_WORD_CHARS);
    CallState state =
        CallState.fromWireName(providerStatus)
            .orElseThrow(
                () ->
                    new MalformedCallEventException(
                        "status must be one of initiated, ringing, answered, completed, busy,"
                            + " failed, no_answer, rejected, cancelled"));
    String direction = VoiceInput.required(root, "direction", VoiceInput.MAX_WORD_CHARS);
    boolean inbound = direction.equalsIgnoreCase("inbound");
    if (!inbound && !direction.equalsIgnoreCase("outbound")) {
      throw new MalformedCallEventException("direction must be inbound or outbound");
    }
    String from = VoiceInput.required(root, "from", VoiceInput.MAX_PARTY_CHARS);
    String to = VoiceInput.required(root, "to", VoiceInput.MAX_PARTY_CHARS);
    String customerField = inbound ? "from" : "to";
    CustomerNumber customer =
        VoiceInput.phoneOrNull(inbound ? from : to, customerField, defaultRegion);
    if (customer == null) {
      throw new MalformedCallEventException(
          customerField
              + " must be a phone number: it is the customer's side of an "
              + (inbound ? "inbound" : "outbound")
              + " call");
    }
    String businessRaw = inbound ? to : from;
    CustomerNumber businessNumber = null;
    try {
      businessNumber = VoiceInput.phoneOrNull(businessRaw, "business", defaultRegion);
    } catch (MalformedCallEventException e) {
      // a short code or a name: kept as sent
    }
    long atMillis =
        VoiceInput.isoMillis(
            VoiceInput.required(root, "timestamp", VoiceInput.MAX_WORD_CHARS), "timestamp");

    Map<String, String> details = new LinkedHashMap<>();
    JsonNode extra = root.get("details");
    if (extra != null && !extra.isNull()) {
      if (!extra.isObject()) {
        throw new MalformedCallEventException("details must be an object");
      }
      if (extra.size() > MAX_DETAILS) {
        throw new MalformedCallEventException("details has more than " + MAX_DETAILS + " fields");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!DETAIL_NAME.matcher(entry.getKey()).matches()) {
          throw new MalformedCallEventException("details names must match [a-z0-9_]{1,64}");
        }
        String label = "details." + entry.getKey();
        String value =
            VoiceInput.textValue(entry.getValue(), label, VoiceInput.MAX_DETAIL_CHARS, false);
        if (value == null) {
          throw new MalformedCallEventException(label + " must be a string");
        }
        details.put(entry.getKey(), value);
      }
    }

    String source = VoiceInput.utf8(body);
    return new CallEvent(
        CallProvider.GENERIC,
        callId,
        eventKey,
        customer,
        businessNumber != null ? businessNumber.e164() : businessRaw,
        inbound ? CallDirection.INBOUND : CallDirection.OUTBOUND,
        state,
        providerStatus,
        atMillis,
        wholeNumber(root, "sequence", -1L),
        duration(root),
        VoiceInput.text(root, "agent", VoiceInput.MAX_ID_CHARS, false),
        details,
        () -> source);
  }

  private static Integer duration(JsonNode root) {
    long seconds = wholeNumber(root, "duration_s", -1L);
    return seconds < 0 ? null : (int) seconds;
  }

  /** A JSON integer from 0 to 999,999,999, or {@code absent} when the field is missing or null. */
  private static long wholeNumber(JsonNode root, String field, long absent) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isIntegralNumber() || !Chars.digits(value.asText(), 1, 9, false)) {
      throw new MalformedCallEventException(field + " must be a whole number from 0 to 999999999");
    }
    return value.asLong();
  }
}
