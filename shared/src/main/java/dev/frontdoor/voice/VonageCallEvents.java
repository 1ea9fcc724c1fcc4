package dev.frontdoor.voice;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Vonage Voice API event webhook (JSON: {@code uuid}, {@code conversation_uuid}, {@code
 * status}, {@code direction}, {@code from}, {@code to}, {@code timestamp}, {@code duration}, ...)
 * into a {@link ParsedCallEvent}.
 *
 * <p>States (the Voice API webhook reference): {@code started} → INITIATED; {@code ringing} →
 * RINGING; {@code answered} → ANSWERED; {@code completed} and {@code disconnected} → COMPLETED;
 * {@code busy} → BUSY; {@code failed} → FAILED; {@code rejected} → REJECTED; {@code timeout} and
 * {@code unanswered} → NO_ANSWER; {@code cancelled} → CANCELLED. {@code human} and {@code machine}
 * (machine detection) and the events without a status ({@code record}, {@code input}, {@code
 * transfer}, errors) are {@link NotACallState}. Any other status is malformed.
 *
 * <p>Numbers come without a {@code +} and sometimes with stray spaces; they are read as
 * international. In a phone-to-app call the leg to the app has an app user ({@code "Alice"}) on one
 * side: the customer is always the phone side, so that leg is the customer's inbound call too
 * (Vonage's own direction is kept in details as {@code provider_direction}).
 *
 * <p>The event key is {@code <status>#<timestamp>} with the timestamp in epoch ms, so one instant
 * written two ways is one key. The timestamp is required: a key from the receive time would differ
 * on every retry.
 */
public final class VonageCallEvents {
  private static final Map<String, CallState> STATES =
      Map.ofEntries(
          entry("started", CallState.INITIATED),
          entry("ringing", CallState.RINGING),
          entry("answered", CallState.ANSWERED),
          entry("completed", CallState.COMPLETED),
          // the leg's media connection ended (the reference lists it without a direction)
          entry("disconnected", CallState.COMPLETED),
          entry("busy", CallState.BUSY),
          entry("failed", CallState.FAILED),
          entry("rejected", CallState.REJECTED),
          entry("timeout", CallState.NO_ANSWER),
          entry("unanswered", CallState.NO_ANSWER),
          entry("cancelled", CallState.CANCELLED));

  /** Fields of the reference's events that have no status, by what each event is. */
  private static final Map<String, String> STATELESS_MARKERS =
      Map.of(
          "recording_url", "a recording event",
          "dtmf", "an input event",
          "speech", "an input event",
          "conversation_uuid_from", "a transfer event",
          "reason", "an error event");

  private static final List<String> DETAILS =
      List.of("conversation_uuid", "network", "detail", "start_time", "end_time");

  private final String defaultRegion;

  public VonageCallEvents(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /** {@code body}: the event webhook's JSON as received (verified by the caller). */
  public ParsedCallEvent parse(byte[] body) {
    JsonNode root = VoiceInput.object(body);
    String providerStatus = VoiceInput.text(root, "status", VoiceInput.MAX_WORD_CHARS, false);
    if (providerStatus == null || providerStatus.isEmpty()) {
      for (Map.Entry<String, String> marker : STATELESS_MARKERS.entrySet()) {
        if (root.has(marker.getKey())) {
          return new NotACallState(
              CallProvider.VONAGE,
              VoiceInput.text(root, "uuid", VoiceInput.MAX_ID_CHARS, false),
              null,
              marker.getValue());
        }
      }
      throw new MalformedCallEventException("status is required");
    }
    String status = VoiceInput.statusWord(providerStatus, "status");
    if (status.equals("human") || status.equals("machine")) {
      // machine detection names the call call_uuid, not uuid
      return new NotACallState(
          CallProvider.VONAGE,
          VoiceInput.text(root, "call_uuid", VoiceInput.MAX_ID_CHARS, false),
          providerStatus,
          "a machine detection result");
    }
    CallState state = STATES.get(status);
    if (state == null) {
      throw new MalformedCallEventException("status is not a Vonage call status");
    }

    String uuid =
        VoiceInput.id(VoiceInput.text(root, "uuid", VoiceInput.MAX_ID_CHARS, false), "uuid");
    String direction = VoiceInput.text(root, "direction", VoiceInput.MAX_WORD_CHARS, false);
    // "disconnected" carries no direction in the reference: read it as the inbound leg's order
    boolean outbound = direction != null && direction.equalsIgnoreCase("outbound");
    if (direction != null && !outbound && !direction.equalsIgnoreCase("inbound")) {
      throw new MalformedCallEventException("direction must be inbound or outbound");
    }
    String from = VoiceInput.text(root, "from", VoiceInput.MAX_PARTY_CHARS, true);
    String to = VoiceInput.text(root, "to", VoiceInput.MAX_PARTY_CHARS, true);
    VoiceInput.Sides sides =
        outbound
            ? VoiceInput.sides("to", to, "from", from, false, defaultRegion)
            : VoiceInput.sides("from", from, "to", to, true, defaultRegion);
    long atMillis =
        VoiceInput.isoMillis(
            VoiceInput.text(root, "timestamp", VoiceInput.MAX_WORD_CHARS, false), "timestamp");
    Integer duration =
        VoiceInput.seconds(
            VoiceInput.text(root, "duration", VoiceInput.MAX_WORD_CHARS, true), "duration");

    Map<String, String> details = new LinkedHashMap<>();
    if (direction != null) {
      details.put("provider_direction", direction.toLowerCase(java.util.Locale.ROOT));
    }
    for (String field : DETAILS) {
      JsonNode value = root.get(field);
      if (value != null && value.isValueNode() && !value.isNull()) {
        VoiceInput.detail(details, field, value.asText().strip());
      }
    }
    String source = VoiceInput.utf8(body);
    return new CallEvent(
        CallProvider.VONAGE,
        uuid,
        status + "#" + atMillis,
        sides.customer(),
        sides.business(),
        sides.direction(),
        state,
        providerStatus,
        atMillis,
        -1,
        duration,
        null,
        details,
        () -> source);
  }
}
