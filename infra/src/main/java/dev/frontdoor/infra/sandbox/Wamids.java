package dev.frontdoor.infra.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/** Message ids shaped like Meta's: {@code wamid.} and base64 of the recipient, a counter, noise. */
final class Wamids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final AtomicLong sequence = new AtomicLong();

  String next(String waId) {
    byte[] recipient = waId.getBytes(StandardCharsets.US_ASCII);
    byte[] noise = new byte[8];
    RANDOM.nextBytes(noise);
    ByteBuffer buffer = ByteBuffer.allocate(2 + recipient.length + 8 + noise.length);
    buffer.put((byte) 0x1c).put((byte) recipient.length).put(recipient);
    buffer.putLong(sequence.incrementAndGet()).put(noise);
    return "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }
}
