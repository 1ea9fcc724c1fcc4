package dev.frontdoor.voice;

import dev.frontdoor.threads.CallProvider;
import java.util.Locale;
import java.util.Map;

/**
 * A call-event webhook as received, before anything is parsed: which provider's route it came in
 * on, the raw body (signatures are checked on these bytes), the headers by lower-case name, and the
 * public URL the provider called (Twilio signs it).
 */
public record CallWebhook(
    CallProvider provider, byte[] body, Map<String, String> headers, String url) {

  public CallWebhook {
    headers = Map.copyOf(headers);
  }

  /** A header by name in any case; null when absent. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
