package dev.frontdoor.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.CallDirection;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallState;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import dev.frontdoor.voice.port.out.ContactDirectory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an Amazon Connect contact event, the EventBridge envelope ({@code id}, {@code detail-type:
 * "Amazon Connect Contact Event"}, {@code source: "aws.connect"}, {@code time}, {@code detail}),
 * into a {@link ParsedCallEvent}.
 *
 * <p>Keys inside {@code detail} are read in any letter case: AWS's own published sample mixes
 * {@code agentInfo}/{@code AgentInfo} and {@code agentArn}/{@code AgentArn}.
 *
 * <p>States ({@code detail.eventType}): {@code INITIATED} → INITIATED; {@code QUEUED} → RINGING
 * (waiting for an agent); {@code CONNECTED_TO_SYSTEM} (an outbound call picked up) and {@code
 * CONNECTED_TO_AGENT} → ANSWERED; {@code DISCONNECTED} → COMPLETED, except an outbound contact that
 * never connected (no system or agent connection time) → NO_ANSWER. {@code CONTACT_DATA_UPDATED}
 * and contacts that are not calls (channel CHAT, TASK, EMAIL; initiation method MONITOR, a
 * supervisor listening in) are {@link NotACallState}.
 *
 * <p>Direction ({@code detail.initiationMethod}): OUTBOUND, CALLBACK, API and any method whose name
 * contains OUTBOUND → OUTBOUND; the rest (INBOUND, TRANSFER, QUEUE_TRANSFER, DISCONNECT) → INBOUND.
 *
 * <p>The event does not carry the customer's number: {@link CallEvent#customer()} is null, and
 * {@link #resolveCustomer} fills it in through {@link ContactDirectory}. The event key is the
 * envelope's {@code id}; the time is the event type's own timestamp, else the envelope's {@code
 * time}.
 */
public final class ConnectContactEvents {
  static final String DETAIL_TYPE = "Amazon Connect Contact Event";
  static final String SOURCE = "aws.connect";

  private static final Set<String> NOT_CALL_STATES = Set.of("CONTACT_DATA_UPDATED");

  private final String defaultRegion;

  public ConnectContactEvents(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /** {@code body}: the EventBridge event as delivered to the function. */
  public ParsedCallEvent parse(byte[] body) {
    JsonNode root = VoiceInput.object(body);
    if (!DETAIL_TYPE.equals(
        VoiceInput.text(root, "detail-type", VoiceInput.MAX_WORD_CHARS, false))) {
      throw new MalformedCallEventException("detail-type must be \"" + DETAIL_TYPE + "\"");
    }
    if (!SOURCE.equals(VoiceInput.text(root, "source", VoiceInput.MAX_WORD_CHARS, false))) {
      throw new MalformedCallEventException("source must be \"" + SOURCE + "\"");
    }
    String id = VoiceInput.id(VoiceInput.text(root, "id", VoiceInput.MAX_ID_CHARS, false), "id");
    long envelopeTime =
        VoiceInput.isoMillis(
            VoiceInput.text(root, "time", VoiceInput.MAX_WORD_CHARS, false), "time");
    JsonNode detail = root.get("detail");
    if (detail == null || !detail.isObject()) {
      throw new MalformedCallEventException("detail must be an object");
    }

    String contactId =
        VoiceInput.id(
            text(detail, "detail.", "contactId", VoiceInput.MAX_ID_CHARS), "detail.contactId");
    String providerStatus = text(detail, "detail.", "eventType", VoiceInput.MAX_WORD_CHARS);
    String eventType =
        VoiceInput.statusWord(providerStatus, "detail.eventType").toUpperCase(Locale.ROOT);
    String channel =
        VoiceInput.statusWord(
                text(detail, "detail.", "channel", VoiceInput.MAX_WORD_CHARS), "detail.channel")
            .toUpperCase(Locale.ROOT);
    String method =
        VoiceInput.statusWord(
                text(detail, "detail.", "initiationMethod", VoiceInput.MAX_WORD_CHARS),
                "detail.initiationMethod")
            .toUpperCase(Locale.ROOT);
    if (!channel.equals("VOICE")) {
      return new NotACallState(
          CallProvider.CONNECT, contactId, providerStatus, "a " + channel + " contact, not a call");
    }
    if (method.equals("MONITOR")) {
      return new NotACallState(
          CallProvider.CONNECT, contactId, providerStatus, "a supervisor monitoring a call");
    }
    if (NOT_CALL_STATES.contains(eventType)) {
      return new NotACallState(
          CallProvider.CONNECT, contactId, providerStatus, "an update of the contact's data");
    }
    CallDirection direction =
        method.contains("OUTBOUND") || method.equals("CALLBACK") || method.equals("API")
            ? CallDirection.OUTBOUND
            : CallDirection.INBOUND;

    JsonNode agentInfo = object(detail, "agentInfo");
    JsonNode queueInfo = object(detail, "queueInfo");
    Long initiated = time(detail, "detail.", "initiationTimestamp");
    Long connectedToSystem = time(detail, "detail.", "connectedToSystemTimestamp");
    Long connectedToAgent = time(agentInfo, "detail.agentInfo.", "connectedToAgentTimestamp");
    Long enqueued = time(queueInfo, "detail.queueInfo.", "enqueueTimestamp");
    Long disconnected = time(detail, "detail.", "disconnectTimestamp");

    CallState state;
    Long at;
    Integer duration = null;
    switch (eventType) {
      case "INITIATED" -> {
        state = CallState.INITIATED;
        at = initiated;
      }
      case "QUEUED" -> {
        state = CallState.RINGING;
        at = enqueued;
      }
      case "CONNECTED_TO_SYSTEM" -> {
        state = CallState.ANSWERED;
        at = connectedToSystem;
      }
      case "CONNECTED_TO_AGENT" -> {
        state = CallState.ANSWERED;
        at = connectedToAgent;
      }
      case "DISCONNECTED" -> {
        boolean connected = connectedToSystem != null || connectedToAgent != null;
        state =
            direction == CallDirection.OUTBOUND && !connected
                ? CallState.NO_ANSWER
                : CallState.COMPLETED;
        at = disconnected;
        // an inbound call is connected to the contact centre from its first moment
        Long start = connectedToSystem != null ? connectedToSystem : initiated;
        if (state == CallState.COMPLETED && disconnected != null && start != null) {
          long seconds = (disconnected - start) / 1000;
          duration = seconds >= 0 && seconds <= Integer.MAX_VALUE ? (int) seconds : null;
        }
      }
      default ->
          throw new MalformedCallEventException(
              "detail.eventType is not an Amazon Connect contact event type");
    }

    Map<String, String> details = new LinkedHashMap<>();
    String instanceArn = text(detail, "detail.", "instanceArn", VoiceInput.MAX_ID_CHARS);
    VoiceInput.detail(details, "instance_arn", instanceArn);
    VoiceInput.detail(details, "channel", channel);
    VoiceInput.detail(details, "initiation_method", method);
    VoiceInput.detail(
        details,
        "initial_contact_id",
        text(detail, "detail.", "initialContactId", VoiceInput.MAX_ID_CHARS));
    VoiceInput.detail(
        details,
        "previous_contact_id",
        text(detail, "detail.", "previousContactId", VoiceInput.MAX_ID_CHARS));
    VoiceInput.detail(
        details,
        "related_contact_id",
        text(detail, "detail.", "relatedContactId", VoiceInput.MAX_ID_CHARS));
    VoiceInput.detail(
        details,
        "queue_arn",
        text(queueInfo, "detail.queueInfo.", "queueArn", VoiceInput.MAX_ID_CHARS));
    VoiceInput.detail(
        details,
        "queue_type",
        text(queueInfo, "detail.queueInfo.", "queueType", VoiceInput.MAX_WORD_CHARS));
    // not in the published (2023) data model: kept when a newer event has it as a plain string
    JsonNode reason = VoiceInput.field(detail, "disconnectReason");
    if (reason != null && reason.isTextual()) {
      VoiceInput.detail(details, "disconnect_reason", reason.asText());
    }

    String source = VoiceInput.utf8(body);
    return new CallEvent(
        CallProvider.CONNECT,
        contactId,
        id,
        null,
        null,
        direction,
        state,
        providerStatus,
        at != null ? at : envelopeTime,
        -1,
        duration,
        text(agentInfo, "detail.agentInfo.", "agentArn", VoiceInput.MAX_ID_CHARS),
        details,
        () -> source);
  }

  /**
   * The event with its customer, looked up by contact: empty when the directory has no telephone
   * number for the contact (the event cannot be placed in a thread). An event that already has its
   * customer is returned as is.
   *
   * @throws MalformedCallEventException when the event has no instance or the stored address is not
   *     a phone number
   */
  public Optional<CallEvent> resolveCustomer(CallEvent event, ContactDirectory directory) {
    if (event.customer() != null) {
      return Optional.of(event);
    }
    String instance = event.details().get("instance_arn");
    if (instance == null) {
      throw new MalformedCallEventException(
          "detail.instanceArn is required to find the contact's customer");
    }
    Optional<String> address = directory.customerEndpoint(instance, event.providerCallId());
    if (address.isEmpty() || address.get().isBlank()) {
      return Optional.empty();
    }
    CustomerNumber customer =
        VoiceInput.phoneOrNull(address.get(), "the contact's customer endpoint", defaultRegion);
    if (customer == null) {
      throw new MalformedCallEventException(
          "the contact's customer endpoint is not a phone number");
    }
    return Optional.of(event.withCustomer(customer));
  }

  /** {@code node.name} in any letter case; {@code path} names the field in messages. */
  private static String text(JsonNode node, String path, String name, int max) {
    return node == null
        ? null
        : VoiceInput.textValue(VoiceInput.field(node, name), path + name, max, false);
  }

  private static JsonNode object(JsonNode node, String name) {
    JsonNode value = VoiceInput.field(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new MalformedCallEventException("detail." + name + " must be an object");
    }
    return value;
  }

  private static Long time(JsonNode node, String path, String name) {
    String value = text(node, path, name, VoiceInput.MAX_WORD_CHARS);
    return value == null || value.isEmpty() ? null : VoiceInput.isoMillis(value, path + name);
  }
}
