package dev.frontdoor.threads;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The one order message statuses move in (docs/data-model.md, 5.6): a status only replaces a
 * lower-ranked one, so {@code read} then {@code delivered} ends {@code read}, and {@code failed}
 * keeps its error when a later {@code delivered} proves delivery.
 */
public final class StatusRanks {
  private static final Map<String, Integer> RANKS =
      Map.of(
          "queued",
          0,
          "sending",
          1,
          "unknown",
          1,
          "dead_lettered",
          1,
          "sent",
          2,
          "failed",
          3,
          "delivered",
          4,
          "read",
          5);

  private StatusRanks() {}

  /** Empty for statuses that never move a message (payments, values Meta adds later). */
  public static OptionalInt of(String status) {
    Integer rank = RANKS.get(status);
    return rank == null ? OptionalInt.empty() : OptionalInt.of(rank);
  }
}
