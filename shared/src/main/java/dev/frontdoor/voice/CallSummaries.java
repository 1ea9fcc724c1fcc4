package dev.frontdoor.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.common.JsonObjects;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.logging.Log;
import dev.frontdoor.outbound.send.SendCommand;
import dev.frontdoor.outbound.send.SendOutcome;
import dev.frontdoor.outbound.send.port.in.SendMessage;
import dev.frontdoor.threads.CallRecord;
import dev.frontdoor.threads.port.out.CallFollowUp;
import dev.frontdoor.threads.port.out.CallStore;
import dev.frontdoor.voice.port.in.ApproveSummary;
import dev.frontdoor.voice.port.in.FileWrapUp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's written record of a call (docs/data-model.md 9.6). A wrap-up is filed (by the API
 * or a provider), its summary composed at once; when the call has ended (whichever comes last, the
 * end or the wrap-up, sends it) the summary goes through the send API's own use case: free text
 * when the service window is open, else the utility template, never to an opted-out customer
 * outside the window. Exactly one per call: each form has a fixed idempotency key per call, so
 * concurrent and repeated triggers share one message; once queued, the call records it as sent and
 * nothing replaces it.
 */
public final class CallSummaries implements CallFollowUp, FileWrapUp, ApproveSummary {
  static final String API_CLIENT = "frontdoor-summary";
  private static final Log LOG = Log.of(CallSummaries.class);

  private final CallStore calls;
  private final SendMessage sending;
  private final SummaryComposer composer;
  private final Optional<SummaryTemplate> template;
  private final Clock clock;
  private final WrapUpReader reader = new WrapUpReader();

  public CallSummaries(
      CallStore calls,
      SendMessage sending,
      SummaryComposer composer,
      Optional<SummaryTemplate> template,
      Clock clock) {
    this.calls = calls;
    this.sending = sending;
    this.composer = composer;
    this.template = template;
    this.clock = clock;
  }

  @Override
  public WrapUpOutcome fileWrapUp(WrapUpCommand command) {
    Instant now = clock.instant();
    Optional<CallRecord> found = find(command.callRef(), now);
    if (found.isEmpty()) {
      return notFound(command.callRef());
    }
    CallRecord call = found.get();
    WrapUp wrapUp;
    try {
      wrapUp = reader.read(command.body());
    } catch (InvalidWrapUpException e) {
      return WrapUpOutcome.refused(WrapUpOutcome.Reason.INVALID, e.getMessage());
    }
    SummaryDraft draft =
        composer.compose(Instant.ofEpochMilli(call.startedAtOrFirstSeen()), wrapUp);
    Map<String, Object> review =
        wrapUp.review()
            ? summary("draft", draft.text(), draft.templateParameters(), wrapUp.filedBy())
            : Map.of();
    Optional<CallRecord> filed =
        calls.fileWrapUp(call, stored(wrapUp, draft), now.toEpochMilli(), review);
    if (filed.isEmpty()) {
      return notFound(command.callRef());
    }
    LOG.info("call.wrap_up.filed")
        .field("call_id", call.callId())
        .field("review", wrapUp.review())
        .field("filed_by", wrapUp.filedBy())
        .write();
    return sendIfReady(filed.get(), now);
  }

  @Override
  public WrapUpOutcome approve(WrapUpCommand command) {
    Instant now = clock.instant();
    Optional<CallRecord> found = find(command.callRef(), now);
    if (found.isEmpty()) {
      return notFound(command.callRef());
    }
    CallRecord call = found.get();
    Object state = call.summary().get("state");
    if ("sent".equals(state)) {
      return outcome(
          WrapUpOutcome.Reason.SUMMARY_QUEUED,
          "the summary is already queued",
          call,
          call.summary());
    }
    if (!"draft".equals(state)) {
      return new WrapUpOutcome(
          WrapUpOutcome.Reason.NO_DRAFT,
          "this call has no summary draft awaiting approval (file a wrap-up with review: true)",
          call.callId(),
          call.summary());
    }
    Approval approval;
    try {
      approval = approval(command);
    } catch (InvalidWrapUpException e) {
      return WrapUpOutcome.refused(WrapUpOutcome.Reason.INVALID, e.getMessage());
    }
    @SuppressWarnings("unchecked")
    List<String> parameters = new ArrayList<>((List<String>) call.summary().get("parameters"));
    String text = approval.text().orElse((String) call.summary().get("text"));
    if (approval.text().isPresent()) {
      // An edited summary replaces the details; when the call was and its reference stay.
      parameters.set(2, SummaryComposer.parameter(approval.text().get()));
    }
    Map<String, Object> approved = summary("approved", text, parameters, approval.agent());
    calls.recordSummary(call, approved, now);
    return sendIfReady(calls.findCall(CallStore.FRONTDOOR, call.callId(), now).orElse(call), now);
  }

  @Override
  public void afterCallEvent(CallRecord call, Instant now) {
    if (call.ended() && call.hasWrapUp() && !"sent".equals(call.summary().get("state"))) {
      sendIfReady(call, now);
    }
  }

  /** Sends the summary when the call has ended and nothing holds it back. */
  private WrapUpOutcome sendIfReady(CallRecord call, Instant now) {
    Object state = call.summary().get("state");
    if ("sent".equals(state)) {
      return outcome(
          WrapUpOutcome.Reason.SUMMARY_QUEUED, "the summary is queued", call, call.summary());
    }
    if ("draft".equals(state)) {
      return outcome(
          WrapUpOutcome.Reason.DRAFTED,
          "the draft awaits approval at POST /v1/calls/{callId}/summary",
          call,
          call.summary());
    }
    if (!call.ended()) {
      return outcome(
          WrapUpOutcome.Reason.FILED,
          "filed: the summary is sent when the call ends",
          call,
          Map.of());
    }
    String text;
    List<String> parameters;
    String agent;
    if ("approved".equals(state)) {
      text = (String) call.summary().get("text");
      parameters = strings(call.summary().get("parameters"));
      agent = (String) call.summary().get("by");
    } else {
      text = (String) call.wrapUp().get("draft_text");
      parameters = strings(call.wrapUp().get("draft_parameters"));
      agent = (String) call.wrapUp().get("filed_by");
    }
    SendOutcome sent = send(call, "text", freeText(call, text, agent));
    String mode = "free_text";
    if (sent.reason() == SendOutcome.Reason.WINDOW_CLOSED) {
      if (template.isEmpty()) {
        return notSent(
            call,
            text,
            "window_closed",
            "the service window is closed and SUMMARY_TEMPLATE_NAME is not set",
            now);
      }
      sent = send(call, "template", templated(call, template.get(), parameters, agent));
      mode = "template";
    }
    if (!sent.isQueued()) {
      return notSent(call, text, sent.code(), sent.message(), now);
    }
    Map<String, Object> summary = summary("sent", text, parameters, agent);
    summary.put("message_id", sent.messageId());
    summary.put("mode", mode);
    if (mode.equals("template")) {
      summary.put("template_name", template.get().name());
    }
    Map<String, Object> stored = calls.recordSummary(call, summary, now);
    LOG.info("call.summary.queued")
        .field("call_id", call.callId())
        .field("message_id", stored.get("message_id"))
        .field("mode", stored.get("mode"))
        .write();
    return outcome(WrapUpOutcome.Reason.SUMMARY_QUEUED, "the summary is queued", call, stored);
  }

  private SendOutcome send(CallRecord call, String form, ObjectNode body) {
    byte[] bytes = JsonTrees.writeBytes(body);
    return sending.send(
        new SendCommand(
            API_CLIENT,
            Optional.of("summary:" + call.callId() + ":" + form),
            bytes,
            Optional.of(call.callId())));
  }

  private static ObjectNode freeText(CallRecord call, String text, String agent) {
    ObjectNode body = addressed(call, agent);
    body.put("type", "text");
    body.putObject("text").put("body", text);
    return body;
  }

  private static ObjectNode templated(
      CallRecord call, SummaryTemplate template, List<String> parameters, String agent) {
    ObjectNode body = addressed(call, agent);
    body.put("type", "template");
    ObjectNode object = body.putObject("template");
    object.put("name", template.name());
    object.putObject("language").put("code", template.language());
    ArrayNode values =
        object.putArray("components").addObject().put("type", "body").putArray("parameters");
    for (String parameter : parameters) {
      values.addObject().put("type", "text").put("text", parameter);
    }
    return body;
  }

  /**
   * To the customer, from the WhatsApp number of a WhatsApp call, else the default number; sent as
   * the agent who filed (or approved) it, so the message says who acted.
   */
  private static ObjectNode addressed(CallRecord call, String agent) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (agent != null) {
      body.put("agent", agent);
    }
    body.put("to", call.customer().e164());
    if (call.businessNumberId() != null) {
      body.put("business_number_id", call.businessNumberId());
    }
    return body;
  }

  private WrapUpOutcome notSent(
      CallRecord call, String text, String code, String reason, Instant now) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("state", "not_sent");
    summary.put("reason", code);
    summary.put("detail", reason);
    summary.put("text", text);
    Map<String, Object> stored = calls.recordSummary(call, summary, now);
    LOG.info("call.summary.not_sent").field("call_id", call.callId()).field("reason", code).write();
    WrapUpOutcome.Reason why =
        "sent".equals(stored.get("state"))
            ? WrapUpOutcome.Reason.SUMMARY_QUEUED
            : WrapUpOutcome.Reason.SUMMARY_NOT_SENT;
    return outcome(why, reason, call, stored);
  }

  private Optional<CallRecord> find(String raw, Instant now) {
    return CallRef.parse(raw).flatMap(ref -> calls.findCall(ref.provider(), ref.callId(), now));
  }

  private static WrapUpOutcome notFound(String raw) {
    return WrapUpOutcome.refused(
        WrapUpOutcome.Reason.CALL_NOT_FOUND,
        CallRef.parse(raw).isEmpty()
            ? "callId: Frontdoor's call id, or <provider>:<provider call id>"
            : "no call with this id");
  }

  /** The wrap-up as stored on the call: no transcript (only what it contributed to the draft). */
  private static Map<String, Object> stored(WrapUp wrapUp, SummaryDraft draft) {
    Map<String, Object> stored = new LinkedHashMap<>();
    if (wrapUp.filedBy() != null) {
      stored.put("filed_by", wrapUp.filedBy());
    }
    wrapUp.outcome().ifPresent(value -> stored.put("outcome", value));
    wrapUp.reference().ifPresent(value -> stored.put("reference", value));
    wrapUp.nextSteps().ifPresent(value -> stored.put("next_steps", value));
    List<Map<String, Object>> notes = new ArrayList<>();
    for (WrapUp.Note note : wrapUp.notes()) {
      notes.add(Map.of("text", note.text(), "internal", note.internal()));
    }
    if (!notes.isEmpty()) {
      stored.put("notes", notes);
    }
    wrapUp.transcript().ifPresent(value -> stored.put("transcript_chars", value.length()));
    stored.put("review", wrapUp.review());
    stored.put("draft_text", draft.text());
    stored.put("draft_parameters", draft.templateParameters());
    return stored;
  }

  private static Map<String, Object> summary(
      String state, String text, List<String> parameters, String by) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("state", state);
    summary.put("text", text);
    summary.put("parameters", List.copyOf(parameters));
    if (by != null) {
      summary.put("by", by);
    }
    return summary;
  }

  private static WrapUpOutcome outcome(
      WrapUpOutcome.Reason reason, String message, CallRecord call, Map<String, Object> summary) {
    return new WrapUpOutcome(reason, message, call.callId(), summary);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? (List<String>) list : List.of();
  }

  private record Approval(Optional<String> text, String agent) {}

  /**
   * {@code {"text"?: the edited summary, "agent"?: who approved}}; an empty body approves as
   * drafted.
   */
  private static Approval approval(WrapUpCommand command) {
    if (command.body().length == 0) {
      return new Approval(Optional.empty(), null);
    }
    JsonNode root =
        JsonObjects.read(JsonTrees.FACTORY, false, command.body(), InvalidWrapUpException::new);
    String agent = root.has("agent") ? WrapUpReader.agent(root.get("agent")) : null;
    JsonNode text = root.path("text");
    if (text.isMissingNode() || text.isNull()) {
      return new Approval(Optional.empty(), agent);
    }
    if (!text.isTextual() || text.asText().isBlank()) {
      throw new InvalidWrapUpException("text: the edited summary, a non-empty string");
    }
    if (text.asText().length() > SummaryComposer.MAX_TEXT) {
      throw new InvalidWrapUpException("text: at most " + SummaryComposer.MAX_TEXT + " characters");
    }
    return new Approval(Optional.of(text.asText().strip()), agent);
  }
}
