package dev.frontdoor.gateway;

import dev.frontdoor.config.Secret;
import dev.frontdoor.voice.TwilioSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twilio's call status callbacks as Twilio sends them: form-encoded, with the documented parameter
 * names (Twilio publishes no example body), signed over the URL it calls and the sorted form.
 */
final class TwilioCallbacks {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private TwilioCallbacks() {}

  /** An inbound call's status callback from {@code from} to the business line. */
  static Map<String, String> callback(
      String sid, String status, int sequence, long epochSecond, String duration, String from) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", sid);
    form.put("AccountSid", "AC00000000000000000000000000000000");
    form.put("CallStatus", status);
    form.put("Direction", "inbound");
    form.put("From", from);
    form.put("To", "+27105550100");
    form.put("Timestamp", RFC_1123.format(Instant.ofEpochSecond(epochSecond)));
    form.put("SequenceNumber", Integer.toString(sequence));
    form.put("CallbackSource", "call-progress-events");
    if (duration != null) {
      form.put("CallDuration", duration);
    }
    return form;
  }

  /** Posts {@code form} to the gateway's Twilio route signed with {@code token}. */
  static HttpResponse<String> signed(InboundGateway gateway, Map<String, String> form, String token)
      throws Exception {
    URI url = route(gateway);
    Map<String, List<String>> params = new LinkedHashMap<>();
    form.forEach((name, value) -> params.put(name, List.of(value)));
    return withSignature(
        gateway, form, TwilioSignature.sign(url.toString(), params, Secret.of(token)));
  }

  /** Posts {@code form} with this signature header, or none when it is null. */
  static HttpResponse<String> withSignature(
      InboundGateway gateway, Map<String, String> form, String signature) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(route(gateway))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI route(InboundGateway gateway) {
    return gateway.gateway.baseUri().resolve("/webhooks/voice/twilio");
  }
}
