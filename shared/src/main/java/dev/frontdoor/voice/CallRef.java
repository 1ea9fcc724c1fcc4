package dev.frontdoor.voice;

import dev.frontdoor.threads.CallProvider;
import dev.frontdoor.threads.port.out.CallStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the API addresses a call: Frontdoor's id (a ULID), or {@code <provider>:<provider call id>}
 * ({@code twilio:CA...}, {@code vonage:...}, {@code connect:...}, {@code whatsapp:wacid...}).
 */
public record CallRef(String provider, String callId) {
  private static final int MAX_ID = 256;

  /** The reference as written in the path, or empty when it cannot be one. */
  public static Optional<CallRef> parse(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_ID + 16) {
      return Optional.empty();
    }
    int colon = raw.indexOf(':');
    if (colon < 0) {
      return raw.matches("[0-9A-HJKMNP-TV-Z]{26}")
          ? Optional.of(new CallRef(CallStore.FRONTDOOR, raw))
          : Optional.empty();
    }
    String provider = raw.substring(0, colon).toLowerCase(Locale.ROOT);
    String id = raw.substring(colon + 1);
    boolean known = Arrays.stream(CallProvider.values()).anyMatch(p -> p.key().equals(provider));
    if (!known || id.isEmpty() || !dev.frontdoor.common.Chars.visibleAscii(id, 1, MAX_ID)) {
      return Optional.empty();
    }
    return Optional.of(new CallRef(provider, id));
  }
}
