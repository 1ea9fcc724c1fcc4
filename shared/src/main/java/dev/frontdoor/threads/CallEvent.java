package dev.frontdoor.threads;

import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.logging.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One step in a call's life, from any provider, in one model.
 *
 * @param provider who reported it
 * @param providerCallId the provider's id of the call (leg): Twilio CallSid, Vonage uuid, Connect
 *     ContactId, WhatsApp call id, the generic {@code call_id}
 * @param eventKey deterministic per delivery (data model 5.9), so a repeated webhook is stored once
 * @param customer the non-business side; null only for Amazon Connect, whose events do not carry it
 *     (see {@code voice.ConnectContactEvents#resolveCustomer})
 * @param businessParty the business side as E.164 when it is a number, else the provider's
 *     identifier (a {@code client:} name, a WhatsApp {@code phone_number_id}); nullable
 * @param direction seen from the customer
 * @param state the normalized state
 * @param providerStatus the provider's status word as received
 * @param atMillis when the provider says it happened (epoch ms); the receive time when it says not
 * @param sequence Twilio's SequenceNumber, else -1: orders one call's events that arrive out of
 *     order
 * @param durationSeconds the call's duration when the provider reports one; nullable
 * @param agent the agent (Connect agent ARN, generic {@code agent}); nullable
 * @param details a few extra provider fields worth keeping (string values)
 * @param source the event as received, built only when asked for
 */
public record CallEvent(
    CallProvider provider,
    String providerCallId,
    String eventKey,
    CustomerNumber customer,
    String businessParty,
    CallDirection direction,
    CallState state,
    String providerStatus,
    long atMillis,
    long sequence,
    Integer durationSeconds,
    String agent,
    Map<String, String> details,
    Supplier<String> source)
    implements ParsedCallEvent {

  public CallEvent {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerCallId, "providerCallId");
    Objects.requireNonNull(eventKey, "eventKey");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(providerStatus, "providerStatus");
    Objects.requireNonNull(source, "source");
    if (customer == null && provider != CallProvider.CONNECT) {
      throw new IllegalArgumentException("only Amazon Connect events may lack the customer");
    }
    if (atMillis < 0 || sequence < -1 || durationSeconds != null && durationSeconds < 0) {
      throw new IllegalArgumentException("negative time, sequence or duration");
    }
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** The pk of this call's lookup item: {@code CALL#<provider>#<provider call id>}. */
  public String lookupKey() {
    return provider.lookupKey(providerCallId);
  }

  /** The same event with its customer known (an Amazon Connect event, once resolved). */
  public CallEvent withCustomer(CustomerNumber resolved) {
    return new CallEvent(
        provider,
        providerCallId,
        eventKey,
        Objects.requireNonNull(resolved, "resolved"),
        businessParty,
        direction,
        state,
        providerStatus,
        atMillis,
        sequence,
        durationSeconds,
        agent,
        details,
        source);
  }

  /** No number in full: the customer masks itself, the business side and details are scrubbed. */
  @Override
  public String toString() {
    return "CallEvent[provider="
        + provider.key()
        + ", providerCallId="
        + providerCallId
        + ", eventKey="
        + eventKey
        + ", customer="
        + customer
        + ", businessParty="
        + (businessParty == null ? null : Redaction.scrub(businessParty))
        + ", direction="
        + direction
        + ", state="
        + state
        + ", providerStatus="
        + providerStatus
        + ", atMillis="
        + atMillis
        + ", sequence="
        + sequence
        + ", durationSeconds="
        + durationSeconds
        + ", agent="
        + agent
        + ", details="
        + Redaction.scrub(String.valueOf(details))
        + "]";
  }
}
