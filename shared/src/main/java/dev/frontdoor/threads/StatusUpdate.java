package dev.frontdoor.threads;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.UserId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One {@code statuses[]} entry: a delivery status of a message the business sent ({@code sent},
 * {@code delivered}, {@code read}, {@code failed}), or of an order payment ({@code payment_*}).
 * {@code source} gives the entry's JSON as received.
 *
 * <p>{@code recipient} is the customer's number, {@code null} when the webhook carried only their
 * business-scoped user id ({@code recipientUserId}, a message sent to a customer with a username).
 * Neither is needed to find the message (that is the callback data or the wamid); they only place a
 * status whose message is not found, and name the customer of a pending status.
 */
public record StatusUpdate(
    String wamid,
    String status,
    CustomerNumber recipient,
    BusinessNumber business,
    long atMillis,
    Optional<String> callbackData,
    Map<String, Object> pricing,
    Map<String, Object> conversation,
    List<Map<String, Object>> errors,
    Supplier<String> source,
    UserId recipientUserId) {

  public StatusUpdate {

    // JSON may hold nulls inside these objects: copies that allow them (Map.copyOf would throw).
    pricing =
        pricing == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(pricing));
    conversation =
        conversation == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(conversation));
    errors = errors == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(errors));
  }

  /** A status from before BSUIDs: the recipient by number only. */
  public StatusUpdate(
      String wamid,
      String status,
      CustomerNumber recipient,
      BusinessNumber business,
      long atMillis,
      Optional<String> callbackData,
      Map<String, Object> pricing,
      Map<String, Object> conversation,
      List<Map<String, Object>> errors,
      Supplier<String> source) {
    this(
        wamid,
        status,
        recipient,
        business,
        atMillis,
        callbackData,
        pricing,
        conversation,
        errors,
        source,
        null);
  }

  /**
   * The recipient's thread key: the number when known, else the user id. Only for a status parsed
   * from a webhook (a pending status read back has neither).
   */
  public CustomerKey recipientKey() {
    return recipient != null ? CustomerKey.of(recipient) : CustomerKey.of(recipientUserId);
  }

  /** The same status, its recipient's number now known (a BSUID resolved). */
  public StatusUpdate withRecipient(CustomerNumber number) {
    return new StatusUpdate(
        wamid,
        status,
        number,
        business,
        atMillis,
        callbackData,
        pricing,
        conversation,
        errors,
        source,
        recipientUserId);
  }

  /** Payment statuses are stored in the thread but never move a message's status. */
  public boolean isPayment() {
    return status.startsWith("payment_");
  }
}
