package dev.frontdoor.voice.port.out;

import dev.frontdoor.voice.CallWebhook;
import dev.frontdoor.voice.VoiceSignatureResult;

/**
 * One provider's signature scheme, checked on the webhook's raw bytes before anything is parsed.
 */
public interface CallWebhookVerifier {
  VoiceSignatureResult verify(CallWebhook webhook);
}
