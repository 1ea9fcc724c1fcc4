package dev.frontdoor.voice;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.logging.Log;
import dev.frontdoor.threads.CallEvent;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallPut;
import dev.frontdoor.threads.NotACallState;
import dev.frontdoor.threads.ParsedCallEvent;
import dev.frontdoor.threads.RawEvent;
import dev.frontdoor.threads.port.out.CallFollowUp;
import dev.frontdoor.threads.port.out.CallStore;
import dev.frontdoor.threads.port.out.RawEventStore;
import dev.frontdoor.voice.port.in.FileWrapUp;
import dev.frontdoor.voice.port.in.IngestCallEvent;
import dev.frontdoor.voice.port.out.CallWebhookVerifier;
import dev.frontdoor.voice.port.out.ContactDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A voice provider's call event into the customer's thread (docs/data-model.md 9.5): the provider's
 * signature on the raw bytes first (Amazon Connect's events come through EventBridge under IAM and
 * carry none), then its parser, then the customer (Connect's events do not carry the number: the
 * contact directory gives it), then the call store. Whatever is accepted is kept: an event that
 * changes no call, or whose customer cannot be found, becomes a raw event.
 */
public final class CallEventIngest implements IngestCallEvent {
  private static final Log LOG = Log.of(CallEventIngest.class);
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final WrapUpReader WRAP_UPS = new WrapUpReader();

  private final Map<CallProvider, CallWebhookVerifier> verifiers;
  private final TwilioCallEvents twilio;
  private final VonageCallEvents vonage;
  private final ConnectContactEvents connect;
  private final GenericCallEvents generic;
  private final CallStore calls;
  private final RawEventStore rawEvents;
  private final ContactDirectory contacts;
  private final CallFollowUp followUp;
  private final FileWrapUp wrapUps;
  private final Clock clock;

  /**
   * {@code verifiers}: one per provider whose secrets are configured (others are refused); {@code
   * wrapUps} files the wrap-ups providers send with their events (the generic provider's).
   */
  public CallEventIngest(
      Map<CallProvider, CallWebhookVerifier> verifiers,
      String defaultRegion,
      CallStore calls,
      RawEventStore rawEvents,
      ContactDirectory contacts,
      CallFollowUp followUp,
      FileWrapUp wrapUps,
      Clock clock) {
    this.wrapUps = wrapUps;
    this.verifiers = verifiers.isEmpty() ? Map.of() : new EnumMap<>(verifiers);
    this.twilio = new TwilioCallEvents(defaultRegion);
    this.vonage = new VonageCallEvents(defaultRegion);
    this.connect = new ConnectContactEvents(defaultRegion);
    this.generic = new GenericCallEvents(defaultRegion);
    this.calls = calls;
    this.rawEvents = rawEvents;
    this.contacts = contacts;
    this.followUp = followUp;
    this.clock = clock;
  }

  @Override
  public CallIngestOutcome ingest(CallWebhook webhook) {
    Instant now = clock.instant();
    CallProvider provider = webhook.provider();
    if (webhook.body().length > MAX_BODY_BYTES) {
      return refuse(
          provider,
          CallIngestOutcome.Why.BODY_TOO_LARGE,
          "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (provider != CallProvider.CONNECT) {
      CallWebhookVerifier verifier = verifiers.get(provider);
      if (verifier == null) {
        return refuse(
            provider,
            CallIngestOutcome.Why.NOT_CONFIGURED,
            "no " + provider.key() + " secret is configured on this deployment");
      }
      Optional<CallIngestOutcome> refused = signatureRefusal(provider, verifier.verify(webhook));
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    ParsedCallEvent parsed;
    Optional<byte[]> wrapUp = Optional.empty();
    try {
      parsed = parse(webhook, now);
      if (provider == CallProvider.GENERIC && wrapUps != null) {
        wrapUp = GenericCallEvents.wrapUp(webhook.body());
        // Checked before anything is stored: a bad wrap-up refuses the whole event.
        wrapUp.ifPresent(WRAP_UPS::read);
      }
      if (parsed instanceof CallEvent event && event.customer() == null) {
        // The call's lookup remembers the customer: the directory is asked once per contact.
        Optional<CallEvent> resolved =
            calls
                .findCall(event.provider().key(), event.providerCallId(), now)
                .map(call -> event.withCustomer(call.customer()))
                .or(() -> connect.resolveCustomer(event, contacts));
        if (resolved.isEmpty()) {
          return keep(
              webhook,
              "customer unknown: the contact has no customer phone number",
              List.of(),
              now);
        }
        parsed = resolved.get();
      }
    } catch (MalformedCallEventException e) {
      return refuse(provider, CallIngestOutcome.Why.MALFORMED, e.getMessage());
    } catch (InvalidWrapUpException e) {
      return refuse(provider, CallIngestOutcome.Why.MALFORMED, "wrap_up." + e.getMessage());
    }
    if (parsed instanceof NotACallState other) {
      // A call already stored names its customer, so erasure can find this event by them; an
      // event about a call not stored (yet) names no one Frontdoor knows.
      List<CustomerKey> customers =
          other.providerCallId() == null
              ? List.of()
              : calls
                  .findCall(other.provider().key(), other.providerCallId(), now)
                  .map(call -> List.of(CustomerKey.of(call.customer())))
                  .orElse(List.of());
      return keep(webhook, other.reason(), customers, now);
    }
    CallEvent event = (CallEvent) parsed;
    CallPut put = calls.putCallEvent(event, now);
    LOG.info("call.event.stored")
        .field("provider", provider.key())
        .field("call_id", put.call().callId())
        .field("state", event.state().wireName())
        .field("new", put.newEvent())
        .write();
    followUp.afterCallEvent(put.call(), now);
    wrapUp.ifPresent(
        json ->
            wrapUps.fileWrapUp(
                new WrapUpCommand("provider:" + provider.key(), put.call().callId(), json)));
    return new CallIngestOutcome.Stored(put.newEvent(), put.call().callId());
  }

  private ParsedCallEvent parse(CallWebhook webhook, Instant now) {
    return switch (webhook.provider()) {
      case TWILIO -> twilio.parse(webhook.body(), now.toEpochMilli());
      case VONAGE -> vonage.parse(webhook.body());
      case CONNECT -> connect.parse(webhook.body());
      case GENERIC -> generic.parse(webhook.body(), webhook.header("webhook-id"));
      case WHATSAPP ->
          throw new MalformedCallEventException(
              "WhatsApp call events arrive on the WhatsApp webhook");
    };
  }

  private static Optional<CallIngestOutcome> signatureRefusal(
      CallProvider provider, VoiceSignatureResult result) {
    return switch (result) {
      case VALID -> Optional.empty();
      case MISSING ->
          Optional.of(
              refuse(
                  provider, CallIngestOutcome.Why.SIGNATURE_MISSING, "the signature is missing"));
      case INVALID ->
          Optional.of(
              refuse(
                  provider,
                  CallIngestOutcome.Why.SIGNATURE_INVALID,
                  "the signature does not match this request"));
      case STALE ->
          Optional.of(
              refuse(
                  provider,
                  CallIngestOutcome.Why.SIGNATURE_STALE,
                  "the signature is too old or from the future: a replay, or a skewed clock"));
    };
  }

  private CallIngestOutcome keep(
      CallWebhook webhook, String reason, List<CustomerKey> customers, Instant now) {
    rawEvents.putRawEvent(
        new RawEvent(
            "call:" + webhook.provider().key(),
            reason,
            new String(webhook.body(), StandardCharsets.UTF_8),
            customers),
        now);
    LOG.info("call.event.kept_raw")
        .field("provider", webhook.provider().key())
        .field("reason", reason)
        .write();
    return new CallIngestOutcome.Kept(reason);
  }

  private static CallIngestOutcome refuse(
      CallProvider provider, CallIngestOutcome.Why why, String reason) {
    LOG.warn("call.event.refused")
        .field("provider", provider.key())
        .field("why", why.name())
        .field("reason", reason)
        .write();
    return new CallIngestOutcome.Refused(why, reason);
  }
}
