package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.threads.ServiceWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What the send API and a thread read must know about a customer, in one strongly consistent Query
 * of the customer's partition from {@code EV#<now - 24 h>} upwards, newest first: the {@code
 * THREAD}, {@code OPTOUT} and {@code PERM#CALL#} items (they sort above the timeline, so they come
 * on the first page), then the customer's inbound messages of the last 24 hours, from which each
 * business number's service window follows (data-model section 5.3).
 *
 * <p>The window is derived rather than stored so that ingesting a message is one table write. The
 * read is bounded by one day of the customer's activity (items of other kinds in that range are
 * read, and paid for, but filtered out on the server), and a send stops at the page holding the
 * latest message to its own number.
 */
final class CustomerState {
  /** Items per page; a customer's day rarely needs a second one. */
  static final int PAGE_ITEMS = 100;

  private static final String FILTER =
      "(entity IN (:thread, :optout, :callperm) OR #direction = :in)"
          + " AND (attribute_not_exists(expires_at) OR expires_at > :now_s)";

  /** The thread meta and opt-out attributes the API shows, and what a window is derived from. */
  private static final String PROJECTION =
      "sk, #direction, business_number_id, profile_name, created_at, last_activity_at,"
          + " business_numbers, opted_out, changed_at, opted_out_at, opt_in_at, #source,"
          + " #response, #permanent, permission_expires_at, answered_at, wamid, response_source";

  private static final Map<String, String> NAMES =
      Map.of(
          "#direction",
          "direction",
          "#source",
          "source",
          "#response",
          "response",
          "#permanent",
          "permanent");

  private final Map<String, AttributeValue> thread;
  private final Map<String, AttributeValue> optOut;
  private final Map<String, ServiceWindow> windows;
  private final Optional<String> latestProfileName;
  private final List<Map<String, AttributeValue>> callPermissions;

  private CustomerState(
      Map<String, AttributeValue> thread,
      Map<String, AttributeValue> optOut,
      Map<String, ServiceWindow> windows,
      Optional<String> latestProfileName,
      List<Map<String, AttributeValue>> callPermissions) {
    this.thread = thread;
    this.optOut = optOut;
    this.windows = windows;
    this.latestProfileName = latestProfileName;
    this.callPermissions = callPermissions;
  }

  /** Every window of the last 24 hours (a thread read). */
  static CustomerState read(TableClient table, CustomerKey customer, Instant now) {
    return read(table, customer, now, items -> false);
  }

  /** Enough to decide a send from one business number: stops once its window is found. */
  static CustomerState readFor(
      TableClient table, CustomerNumber customer, String businessNumberId, Instant now) {
    return read(
        table,
        CustomerKey.of(customer),
        now,
        items -> items.stream().anyMatch(item -> isInboundFrom(item, businessNumberId)));
  }

  private static CustomerState read(
      TableClient table,
      CustomerKey customer,
      Instant now,
      Predicate<List<Map<String, AttributeValue>>> enough) {
    String from = Keys.timelineFrom(now.toEpochMilli() - ServiceWindow.LENGTH.toMillis());
    List<Map<String, AttributeValue>> items =
        table.query(
            QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND sk >= :from")
                .filterExpression(FILTER)
                .projectionExpression(PROJECTION)
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(
                    values(
                        ":pk",
                        Keys.customer(customer),
                        ":from",
                        from,
                        ":thread",
                        "thread",
                        ":optout",
                        "optout",
                        ":callperm",
                        "call_permission",
                        ":in",
                        "in",
                        ":now_s",
                        now.getEpochSecond()))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(PAGE_ITEMS),
            enough);
    Map<String, AttributeValue> thread = Map.of();
    Map<String, AttributeValue> optOut = Map.of();
    Map<String, ServiceWindow> windows = new LinkedHashMap<>();
    String profileName = null;
    List<Map<String, AttributeValue>> callPermissions = new ArrayList<>();
    // Newest first: the first inbound message seen from a number is its latest.
    for (Map<String, AttributeValue> item : items) {
      String sk = item.get(Keys.SK).s();
      if (sk.equals(Keys.THREAD)) {
        thread = item;
      } else if (sk.equals(Keys.OPTOUT)) {
        optOut = item;
      } else if (sk.startsWith(Keys.CALL_PERMISSION_PREFIX)) {
        callPermissions.add(item);
      } else if (isInbound(item)) {
        String number = item.get("business_number_id").s();
        windows.putIfAbsent(number, new ServiceWindow(number, Keys.timeOf(sk)));
        if (profileName == null && item.containsKey("profile_name")) {
          profileName = item.get("profile_name").s();
        }
      }
    }
    return new CustomerState(
        thread, optOut, windows, Optional.ofNullable(profileName), callPermissions);
  }

  private static boolean isInbound(Map<String, AttributeValue> item) {
    AttributeValue direction = item.get("direction");
    return direction != null
        && "in".equals(direction.s())
        && item.get(Keys.SK).s().startsWith(Keys.TIMELINE_PREFIX)
        && item.containsKey("business_number_id");
  }

  private static boolean isInboundFrom(Map<String, AttributeValue> item, String businessNumberId) {
    return isInbound(item) && businessNumberId.equals(item.get("business_number_id").s());
  }

  /** The {@code THREAD} item's projected attributes; empty when sends and calls never wrote one. */
  Map<String, AttributeValue> thread() {
    return thread;
  }

  /** The {@code OPTOUT} item's projected attributes; empty when the customer never opted out. */
  Map<String, AttributeValue> optOut() {
    return optOut;
  }

  boolean optedOut() {
    AttributeValue value = optOut.get("opted_out");
    return value != null && Boolean.TRUE.equals(value.bool());
  }

  /** One window per business number the customer wrote to in the last 24 hours, by number. */
  List<ServiceWindow> windows() {
    List<ServiceWindow> sorted = new ArrayList<>(windows.values());
    sorted.sort(Comparator.comparing(ServiceWindow::businessNumberId));
    return sorted;
  }

  /** The {@code PERM#CALL#} items' projected attributes, one per business number answered. */
  List<Map<String, AttributeValue>> callPermissions() {
    return callPermissions;
  }

  /** The WhatsApp profile name on the customer's latest message of the last 24 hours. */
  Optional<String> latestProfileName() {
    return latestProfileName;
  }
}
