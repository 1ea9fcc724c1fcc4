package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attributes the item families share (docs/data-model.md, 2 and 11): schema version, customer
 * reference, expiry from the retention, business number. One place, so the families agree on them.
 */
final class TimelineItems {
  static final int SCHEMA_VERSION = 1;

  private final CustomerRefs refs;
  private final Duration retention;

  TimelineItems(CustomerRefs refs, Duration retention) {
    this.refs = refs;
    this.retention = retention;
  }

  /**
   * A timeline item: ordered by the provider's time ({@code at}, in the sk), kept for the retention
   * from when Frontdoor received it. Counting from the provider's time would expire an old-stamped
   * delivery (Meta's retries, a skewed clock) on arrival, after answering it "stored".
   */
  Map<String, Object> timelineItem(
      CustomerNumber customer, String sk, String entity, long atMillis, Instant received) {
    return timelineItem(CustomerKey.of(customer), sk, entity, atMillis, received);
  }

  /** {@link #timelineItem(CustomerNumber, String, String, long, Instant)} in any thread. */
  Map<String, Object> timelineItem(
      CustomerKey customer, String sk, String entity, long atMillis, Instant received) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.customer(customer));
    item.put(SK, sk);
    item.put("entity", entity);
    item.put("schema_version", SCHEMA_VERSION);
    item.put("customer_ref", refs.of(customer));
    item.put("at", atMillis);
    item.put("received_at", received.toEpochMilli());
    item.put(EXPIRES_AT, expiresAt(received));
    return item;
  }

  String customerRef(CustomerNumber customer) {
    return refs.of(customer);
  }

  String customerRef(CustomerKey customer) {
    return refs.of(customer);
  }

  Duration retention() {
    return retention;
  }

  long expiresAt(Instant received) {
    return received.plus(retention).getEpochSecond();
  }

  /** For a lookup of an outbound message, whose sk time is when it was created. */
  long expiresAt(long createdMillis) {
    return Instant.ofEpochMilli(createdMillis).plus(retention).getEpochSecond();
  }

  static void putBusiness(Map<String, Object> item, BusinessNumber business) {
    putIfPresent(item, "business_number_id", business.phoneNumberId());
    putIfPresent(item, "display_phone_number", business.displayPhoneNumber());
    putIfPresent(item, "waba_id", business.wabaId());
  }

  static void putIfPresent(Map<String, Object> item, String name, String value) {
    if (value != null && !value.isEmpty()) {
      item.put(name, value);
    }
  }

  /** Expired but not yet deleted: TTL deletes lazily, so reads leave such items out. */
  static boolean expired(Map<String, AttributeValue> item, Instant now) {
    AttributeValue expires = item.get(EXPIRES_AT);
    return expires != null && Long.parseLong(expires.n()) <= now.getEpochSecond();
  }
}
