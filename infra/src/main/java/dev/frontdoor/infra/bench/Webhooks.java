package dev.frontdoor.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdoor.config.Secret;
import dev.frontdoor.inbound.WebhookSignature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Cloud API webhook bodies for the benchmark, in the shape of Meta's published examples
 * (shared/specs/meta/webhooks): compact JSON, as Meta sends it, South African numbers.
 */
final class Webhooks {
  static final String WABA_ID = "102290129340398";
  static final String PHONE_NUMBER_ID = "106540352242922";
  static final String DISPLAY_NUMBER = "27215550100";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Webhooks() {}

  /**
   * A realistic batch of about {@code targetBytes}: one entry with a {@code messages} change
   * (metadata, two contacts, three text messages, one a reply) and a change carrying two statuses
   * with conversation and pricing. The first message's text is padded to reach the size.
   */
  /** A delivery as Meta posts it: JSON, signed with the app secret over the raw bytes. */
  static HttpRequest signedPost(URI uri, byte[] body, Secret secret, Duration timeout) {
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("content-type", "application/json")
        .header("X-Hub-Signature-256", WebhookSignature.sign(body, secret))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  static byte[] batch(int targetBytes) {
    byte[] body = batchWithPadding(0);
    int padding = Math.max(0, targetBytes - body.length);
    return padding == 0 ? body : batchWithPadding(padding);
  }

  private static byte[] batchWithPadding(int padding) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", WABA_ID);
    ArrayNode changes = entry.putArray("changes");

    ObjectNode messages = value();
    ArrayNode contacts = messages.putArray("contacts");
    contact(contacts, "Thandi Mokoena", "27821234567");
    contact(contacts, "Pieter van der Merwe", "27831234568");
    ArrayNode list = messages.putArray("messages");
    String first = "Hi, I ordered a fridge last week and it still has not arrived. Order 88213. ";
    text(
        list,
        "27821234567",
        "wamid.HBgLMjc4MjEyMzQ1NjcVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        "1749416383",
        first + "x".repeat(padding));
    ObjectNode reply =
        text(
            list,
            "27831234568",
            "wamid.HBgLMjc4MzEyMzQ1NjgVAgASGBQzQUZBMEE2RDk0QjRGNUI1NjY1OAA=",
            "1749416390",
            "Yes please, Thursday morning works for the delivery. Thanks!");
    ObjectNode context = reply.putObject("context");
    context.put("from", DISPLAY_NUMBER);
    context.put("id", "wamid.HBgLMjc4MzEyMzQ1NjgVAgARGBI3NjVFQjY4QjA5MjA5RDJFMzYA");
    text(
        list,
        "27821234567",
        "wamid.HBgLMjc4MjEyMzQ1NjcVAgASGBQzQjE1QzY2MEZCMjM0RjI3MDNGRgA=",
        "1749416401",
        "Also, can I change the delivery address to my office in Sandton?");
    changes.addObject().set("value", messages);
    ((ObjectNode) changes.get(0)).put("field", "messages");

    ObjectNode statuses = value();
    ArrayNode statusList = statuses.putArray("statuses");
    status(
        statusList,
        "wamid.HBgLMjc4NDEyMzQ1NjkVAgARGBJCMjA1RTk0QTY3RkQ5RUY3NDQA",
        "delivered",
        "1749416405",
        "27841234569");
    status(
        statusList,
        "wamid.HBgLMjc4MjEyMzQ1NjcVAgARGBJFNEQ3MDNDRjBBNTk1NkE2MzIA",
        "read",
        "1749416407",
        "27821234567");
    changes.addObject().set("value", statuses);
    ((ObjectNode) changes.get(1)).put("field", "messages");
    return bytes(root);
  }

  /**
   * One inbound text message, as Meta usually delivers it: one webhook per message. {@code wamid}
   * and {@code timestamp} vary per request so that every delivery is new.
   */
  static byte[] single(String waId, String wamid, long timestampSeconds, String name) {
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\""
            + WABA_ID
            + "\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
            + "{\"display_phone_number\":\""
            + DISPLAY_NUMBER
            + "\",\"phone_number_id\":\""
            + PHONE_NUMBER_ID
            + "\"},\"contacts\":[{\"profile\":{\"name\":\""
            + name
            + "\"},\"wa_id\":\""
            + waId
            + "\"}],\"messages\":[{\"from\":\""
            + waId
            + "\",\"id\":\""
            + wamid
            + "\",\"timestamp\":\""
            + timestampSeconds
            + "\",\"type\":\"text\",\"text\":{\"body\":"
            + "\"Hi, my order has not arrived yet. Can you check the delivery date please?\"}}]},"
            + "\"field\":\"messages\"}]}]}";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode value() {
    ObjectNode value = JSON.createObjectNode();
    value.put("messaging_product", "whatsapp");
    ObjectNode metadata = value.putObject("metadata");
    metadata.put("display_phone_number", DISPLAY_NUMBER);
    metadata.put("phone_number_id", PHONE_NUMBER_ID);
    return value;
  }

  private static void contact(ArrayNode contacts, String name, String waId) {
    ObjectNode contact = contacts.addObject();
    contact.putObject("profile").put("name", name);
    contact.put("wa_id", waId);
  }

  private static ObjectNode text(
      ArrayNode messages, String from, String wamid, String timestamp, String body) {
    ObjectNode message = messages.addObject();
    message.put("from", from);
    message.put("id", wamid);
    message.put("timestamp", timestamp);
    message.put("type", "text");
    message.putObject("text").put("body", body);
    return message;
  }

  private static void status(
      ArrayNode statuses, String wamid, String status, String timestamp, String recipient) {
    ObjectNode node = statuses.addObject();
    node.put("id", wamid);
    node.put("status", status);
    node.put("timestamp", timestamp);
    node.put("recipient_id", recipient);
    ObjectNode conversation = node.putObject("conversation");
    conversation.put("id", "CONVERSATION_ID_" + recipient);
    conversation.putObject("origin").put("type", "service");
    ObjectNode pricing = node.putObject("pricing");
    pricing.put("billable", true);
    pricing.put("pricing_model", "PMP");
    pricing.put("category", "service");
    pricing.put("type", "free_customer_service");
  }

  private static byte[] bytes(ObjectNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
