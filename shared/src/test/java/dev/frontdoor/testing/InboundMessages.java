package dev.frontdoor.testing;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.InboundMessage;
import java.time.Instant;
import java.util.Map;

/** Inbound messages as the webhook parser makes them, for tests that start from the stores. */
public final class InboundMessages {
  private InboundMessages() {}

  /** A text "hi" from the customer to the business number, at the given (Meta) time. */
  public static InboundMessage text(
      String wamid,
      CustomerNumber customer,
      BusinessNumber business,
      Instant at,
      String profileName) {
    return new InboundMessage(
        wamid,
        customer,
        business,
        at.toEpochMilli(),
        "text",
        "text",
        "hi",
        false,
        Map.of(),
        null,
        false,
        profileName,
        () -> "{}");
  }
}
