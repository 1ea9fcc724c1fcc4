package dev.frontdoor.threads;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One {@code messages[]} entry of a Cloud API webhook, normalised: the fields every message has,
 * the readable text, and the type's own object as plain maps (media by reference only). A type
 * Frontdoor does not know is {@code unsupported}, with Meta's type in {@code metaType} and the
 * original JSON in {@code raw}. {@code source} gives the entry's JSON as received, for keeping it
 * raw when the store cannot hold it structured.
 *
 * <p>{@code customer} is the thread the message belongs to: the sender's number when the webhook
 * has it, else (a customer with a username) their business-scoped user id until ingest resolves it
 * to a number it has seen with that id ({@link #inThread}). {@code userId} and {@code username} are
 * the sender's BSUID and WhatsApp username when the webhook carries them.
 */
public record InboundMessage(
    String wamid,
    CustomerKey customer,
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
    Supplier<String> source,
    UserId userId,
    String username) {

  public InboundMessage {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A message from a number, with no BSUID or username (the webhooks before BSUIDs). */
  public InboundMessage(
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
    this(
        wamid,
        CustomerKey.of(customer),
        business,
        atMillis,
        type,
        metaType,
        body,
        bodyTruncated,
        details,
        raw,
        rawTruncated,
        profileName,
        source,
        null,
        null);
  }

  /**
   * The number of the thread the message belongs to: the sender's as the webhook gave it, or the
   * one its BSUID was resolved to; empty for a thread keyed by a BSUID.
   */
  public Optional<CustomerNumber> number() {
    return customer.number();
  }

  /** The same message, stored in another customer's thread (a BSUID resolved to its number). */
  public InboundMessage inThread(CustomerKey thread) {
    return new InboundMessage(
        wamid,
        thread,
        business,
        atMillis,
        type,
        metaType,
        body,
        bodyTruncated,
        details,
        raw,
        rawTruncated,
        profileName,
        source,
        userId,
        username);
  }
}
