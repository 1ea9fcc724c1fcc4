package dev.frontdoor.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdoor.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bad input is a clear refusal, never a crash: every provider's parser, fed mutations of the
 * published payloads (bytes flipped, cut, repeated, characters that break JSON and forms), either
 * reads an event or refuses with {@link MalformedCallEventException}. A signed body reaches the
 * parser as it is, so anything else it threw would be a 5xx.
 */
class CallEventFuzzTest {
  /** Per seed payload; {@code -Dfrontdoor.suite.scale=N} multiplies it. */
  private static final int MUTATIONS = 1_500 * Integer.getInteger("frontdoor.suite.scale", 1);

  private static final String TWILIO_FORM =
      "CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed&Direction=inbound"
          + "&From=%2B27+82+123+4567&To=%2B27105550100&CallDuration=60&SequenceNumber=3"
          + "&Timestamp=Sun%2C+29+Nov+2026+11%3A59%3A00+%2B0000";
  private static final String GENERIC =
      "{\"call_id\":\"pbx-1\",\"status\":\"completed\",\"direction\":\"inbound\",\"from\":\"+27821234567\","
          + "\"to\":\"+27105550100\",\"timestamp\":\"2026-11-29T12:00:00Z\",\"duration_s\":12,"
          + "\"agent\":\"sipho\",\"details\":{\"queue\":\"sales\"},\"wrap_up\":{\"outcome\":\"ok\"}}";

  @Test
  void twilio_mutatedForms_readOrRefused() {
    fuzz(
        TWILIO_FORM.getBytes(StandardCharsets.UTF_8),
        body -> new TwilioCallEvents("ZA").parse(body, 0));
  }

  @Test
  void vonage_mutatedPublishedEvents_readOrRefused() {
    for (String name : Specs.names(Specs.of("vonage"), ".json")) {
      if (name.startsWith("voice_event_inbound") || name.startsWith("voice_event_outbound")) {
        fuzz(Specs.bytes("vonage", name), body -> new VonageCallEvents("ZA").parse(body));
      }
    }
  }

  @Test
  void connect_mutatedPublishedEvent_readOrRefused() {
    fuzz(
        Specs.bytes("amazon-connect", "contact_event_disconnected.json"),
        body -> new ConnectContactEvents("ZA").parse(body));
  }

  @Test
  void generic_mutatedEvents_readOrRefused_wrapUpToo() {
    fuzz(
        GENERIC.getBytes(StandardCharsets.UTF_8),
        body -> {
          new GenericCallEvents("ZA").parse(body, "msg_1");
          GenericCallEvents.wrapUp(body).ifPresent(new WrapUpReader()::read);
        });
  }

  private static void fuzz(byte[] seed, Consumer<byte[]> parse) {
    SplittableRandom random = new SplittableRandom(seed.length * 31L);
    List<String> crashes = new ArrayList<>();
    int read = 0;
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] body = mutate(seed, random);
      try {
        parse.accept(body);
        read++;
      } catch (MalformedCallEventException | InvalidWrapUpException e) {
        assertThat(e.getMessage()).isNotBlank();
        refused++;
      } catch (RuntimeException e) {
        crashes.add(e + " on " + new String(body, StandardCharsets.UTF_8));
      }
    }
    assertThat(crashes).as("parsers must refuse, not crash").isEmpty();
    // Both sides were exercised: some mutations still read, most are refused.
    assertThat(read).isPositive();
    assertThat(refused).isGreaterThan(MUTATIONS / 4);
  }

  private static final byte[][] INSERTS = {
    "\"".getBytes(),
    "{".getBytes(),
    "}".getBytes(),
    "[".getBytes(),
    "%".getBytes(),
    "%zz".getBytes(),
    "&".getBytes(),
    "=".getBytes(),
    "null".getBytes(),
    "1e999".getBytes(),
    "-1".getBytes(),
    "\u0000".getBytes(StandardCharsets.UTF_8),
    "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8),
    new byte[] {(byte) 0xC3},
    "9".repeat(40).getBytes()
  };

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] body = seed.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && body.length > 0; e++) {
      int at = random.nextInt(body.length);
      switch (random.nextInt(4)) {
        case 0 -> body[at] = (byte) random.nextInt(256);
        case 1 -> body = java.util.Arrays.copyOf(body, at);
        case 2 -> {
          byte[] insert = INSERTS[random.nextInt(INSERTS.length)];
          byte[] grown = new byte[body.length + insert.length];
          System.arraycopy(body, 0, grown, 0, at);
          System.arraycopy(insert, 0, grown, at, insert.length);
          System.arraycopy(body, at, grown, at + insert.length, body.length - at);
          body = grown;
        }
        default -> {
          int end = Math.min(body.length, at + 1 + random.nextInt(16));
          byte[] cut = new byte[body.length - (end - at)];
          System.arraycopy(body, 0, cut, 0, at);
          System.arraycopy(body, end, cut, at, body.length - end);
          body = cut;
        }
      }
    }
    return body;
  }
}
