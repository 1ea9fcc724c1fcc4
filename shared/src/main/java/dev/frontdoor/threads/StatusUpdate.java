package dev.frontdoor.threads;

import dev.frontdoor.common.BusinessNumber;
import dev.frontdoor.common.CustomerNumber;
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
    Supplier<String> source) {

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

  /** Payment statuses are stored in the thread but never move a message's status. */
  public boolean isPayment() {
    return status.startsWith("payment_");
  }
}
