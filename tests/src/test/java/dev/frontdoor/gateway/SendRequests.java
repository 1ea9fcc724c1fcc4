package dev.frontdoor.gateway;

/** {@code POST /v1/messages} bodies from the test business number. */
final class SendRequests {
  private SendRequests() {}

  static String text(String to, String body) {
    return InboundGateway.JSON
        .createObjectNode()
        .put("to", to)
        .put("business_number_id", Webhooks.PHONE_NUMBER_ID)
        .put("type", "text")
        .set("text", InboundGateway.JSON.createObjectNode().put("body", body))
        .toString();
  }

  static String template(String to) {
    return "{\"to\":\""
        + to
        + "\",\"business_number_id\":\""
        + Webhooks.PHONE_NUMBER_ID
        + "\",\"type\":\"template\","
        + "\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en\"}}}";
  }
}
