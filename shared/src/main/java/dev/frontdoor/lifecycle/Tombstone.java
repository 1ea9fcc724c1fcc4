package dev.frontdoor.lifecycle;

/**
 * The hashed record that a customer was erased ({@code ERASED#<customer_ref>} / {@code TOMBSTONE},
 * docs/data-model.md 12): it keeps them out of analytics, including exports taken before; it never
 * holds the number or the BSUID. {@code state} is {@code in_progress} until the erasure completes.
 */
public record Tombstone(
    String customerRef, long erasedAtMillis, String state, long itemsDeleted, long completedAt) {

  public static Tombstone started(String customerRef, long erasedAtMillis) {
    return new Tombstone(customerRef, erasedAtMillis, "in_progress", 0, 0);
  }

  public Tombstone completed(long itemsDeleted, long completedAt) {
    return new Tombstone(customerRef, erasedAtMillis, "completed", itemsDeleted, completedAt);
  }
}
