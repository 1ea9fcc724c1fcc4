package dev.frontdoor.voice;

import dev.frontdoor.common.FormBody;
import dev.frontdoor.voice.port.out.CallWebhookVerifier;
import java.util.List;
import java.util.Map;

/**
 * {@code X-Twilio-Signature} over the URL Twilio called and the form it posted (or, for a JSON
 * body, the URL with its {@code bodySHA256}).
 */
public final class TwilioWebhookVerifier implements CallWebhookVerifier {
  private final TwilioSignature signature;

  public TwilioWebhookVerifier(TwilioSignature signature) {
    this.signature = signature;
  }

  @Override
  public VoiceSignatureResult verify(CallWebhook webhook) {
    Map<String, List<String>> form;
    try {
      form = isForm(webhook) ? FormBody.parse(webhook.body()).asMap() : Map.of();
    } catch (IllegalArgumentException e) {
      // A body that is not a form cannot carry a valid form signature.
      return VoiceSignatureResult.INVALID;
    }
    return signature.check(
        webhook.url(), form, webhook.body(), webhook.header("x-twilio-signature"));
  }

  private static boolean isForm(CallWebhook webhook) {
    String type = webhook.header("content-type");
    return type == null
        || type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }
}
