package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.common.FormBody;
import dev.frontdoor.config.Secret;
import dev.frontdoor.testing.Sensitive;
import dev.frontdoor.testing.Specs;
import dev.frontdoor.testing.memory.InMemoryStores;
import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.CallRecord;
import dev.frontdoor.threads.port.out.CallFollowUp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The voice ingest use case over the in-memory stores: verify, parse, resolve, store, follow up.
 */
class CallEventIngestTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final String TOKEN = "unit-test-twilio-token";
  private static final String URL = "https://voice.example.com/webhooks/voice/twilio";
  private static final String SID = "CA" + "0123456789abcdef".repeat(2);

  private final InMemoryStores stores = new InMemoryStores();
  private final List<CallRecord> followedUp = new CopyOnWriteArrayList<>();
  private final AtomicInteger directoryCalls = new AtomicInteger();

  private CallEventIngest ingest(Optional<String> connectCustomer) {
    CallFollowUp followUp = (call, now) -> followedUp.add(call);
    return new CallEventIngest(
        Map.of(
            CallProvider.TWILIO,
            new TwilioWebhookVerifier(new TwilioSignature(List.of(Secret.of(TOKEN))))),
        "ZA",
        stores.calls(),
        stores.rawEvents(),
        (instance, contact) -> {
          directoryCalls.incrementAndGet();
          return connectCustomer;
        },
        followUp,
        command -> {
          throw new AssertionError("no wrap-up in these events");
        },
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void twilio_signedEvent_storedOnce_andFollowedUpEachTime() {
    CallEventIngest ingest = ingest(Optional.empty());
    byte[] body = twilioForm("completed", "3");

    CallIngestOutcome first = ingest.ingest(twilio(body, sign(body, TOKEN)));
    CallIngestOutcome again = ingest.ingest(twilio(body, sign(body, TOKEN)));

    assertThat(first).isInstanceOf(CallIngestOutcome.Stored.class);
    assertThat(((CallIngestOutcome.Stored) first).isNew()).isTrue();
    assertThat(((CallIngestOutcome.Stored) again).isNew()).isFalse();
    assertThat(followedUp).hasSize(2).allSatisfy(call -> assertThat(call.ended()).isTrue());
    assertThat(stores.calls().findCall("twilio", SID, NOW).orElseThrow().customer().e164())
        .isEqualTo(Sensitive.CUSTOMER_E164);
  }

  @Test
  void refusals_haveReasons_andStoreNothing() {
    CallEventIngest ingest = ingest(Optional.empty());
    byte[] body = twilioForm("ringing", "1");

    assertThat(refusal(ingest.ingest(twilio(body, null))))
        .isEqualTo(CallIngestOutcome.Why.SIGNATURE_MISSING);
    assertThat(refusal(ingest.ingest(twilio(body, sign(body, "another-token")))))
        .isEqualTo(CallIngestOutcome.Why.SIGNATURE_INVALID);
    assertThat(
            refusal(
                ingest.ingest(
                    new CallWebhook(CallProvider.VONAGE, "{}".getBytes(), Map.of(), null))))
        .isEqualTo(CallIngestOutcome.Why.NOT_CONFIGURED);
    assertThat(
            refusal(
                ingest.ingest(
                    new CallWebhook(CallProvider.TWILIO, new byte[70_000], Map.of(), URL))))
        .isEqualTo(CallIngestOutcome.Why.BODY_TOO_LARGE);
    byte[] noSid = "CallStatus=ringing&From=%2B27821234567&To=%2B27105550100".getBytes();
    assertThat(refusal(ingest.ingest(twilio(noSid, sign(noSid, TOKEN)))))
        .isEqualTo(CallIngestOutcome.Why.MALFORMED);
    assertThat(stores.calls().findCall("twilio", SID, NOW)).isEmpty();
    assertThat(stores.rawEvents().events()).isEmpty();
  }

  @Test
  void connect_publishedEvent_customerAskedOncePerContact_unknownKeptRaw() {
    byte[] published = Specs.bytes("amazon-connect", "contact_event_disconnected.json");
    CallEventIngest known = ingest(Optional.of(Sensitive.CUSTOMER_SPACED));

    CallIngestOutcome first = known.ingest(connect(published));
    CallIngestOutcome second = known.ingest(connect(published));
    CallIngestOutcome unknown =
        ingest(Optional.empty())
            .ingest(
                connect(
                    new String(published, StandardCharsets.UTF_8)
                        .replace(
                            "11111111-1111-1111-1111-111111111111",
                            "22222222-2222-2222-2222-222222222222")
                        .getBytes(StandardCharsets.UTF_8)));

    assertThat(first).isInstanceOf(CallIngestOutcome.Stored.class);
    assertThat(second).isInstanceOf(CallIngestOutcome.Stored.class);
    assertThat(directoryCalls).hasValue(2);
    assertThat(unknown).isInstanceOf(CallIngestOutcome.Kept.class);
    assertThat(stores.rawEvents().events())
        .singleElement()
        .satisfies(raw -> assertThat(raw.kind()).isEqualTo("call:connect"));
    assertThat(
            stores
                .calls()
                .findCall("connect", "11111111-1111-1111-1111-111111111111", NOW)
                .orElseThrow()
                .durationSeconds())
        .isEqualTo(42L);
  }

  private static CallIngestOutcome.Why refusal(CallIngestOutcome outcome) {
    assertThat(outcome).isInstanceOf(CallIngestOutcome.Refused.class);
    return ((CallIngestOutcome.Refused) outcome).why();
  }

  private static byte[] twilioForm(String status, String sequence) {
    return ("CallSid="
            + SID
            + "&CallStatus="
            + status
            + "&Direction=inbound&From=%2B27+82+123+4567&To=%2B27105550100&SequenceNumber="
            + sequence
            + "&CallDuration=60&Timestamp=Sun%2C+29+Nov+2026+11%3A59%3A00+%2B0000")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String sign(byte[] body, String token) {
    return TwilioSignature.sign(URL, FormBody.parse(body).asMap(), Secret.of(token));
  }

  private static CallWebhook twilio(byte[] body, String signature) {
    Map<String, String> headers =
        signature == null
            ? Map.of("content-type", "application/x-www-form-urlencoded")
            : Map.of(
                "content-type",
                "application/x-www-form-urlencoded",
                "x-twilio-signature",
                signature);
    return new CallWebhook(CallProvider.TWILIO, body, headers, URL);
  }

  private static CallWebhook connect(byte[] body) {
    return new CallWebhook(CallProvider.CONNECT, body, Map.of(), null);
  }
}
