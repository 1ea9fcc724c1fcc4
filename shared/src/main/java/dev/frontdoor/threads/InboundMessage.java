package dev.frontdoor.threads;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@code messages[]} entry of a Cloud API webhook, normalised: the fields every message has,
 * the readable text, and the type's own object as plain maps (media by reference only). A type
 * Frontdoor does not know is {@code unsupported}, with Meta's type in {@code metaType} and the
 * original JSON in {@code raw}. {@code source} gives the entry's JSON as received, for keeping it
 * raw when the store cannot hold it structured.
 */
public record InboundMessage(
    String wamid,
    CustomerNumber customer,
    BusinessNumber business,
    long atMillis,
    String type,
    String metaType,
    String body,
    boolean bodyTruncated,
    Map<String, Object> details,
    String raw,
    boolean rawTruncated,
    String profileName,
    Supplier<String> source) {

  public InboundMessage {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
