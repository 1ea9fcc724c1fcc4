package dev.frontdoor.threads;

import java.util.Optional;

/**
 * The cursors of a thread page, whichever store read it: onwards where the read stopped (there may
 * be more), and back the other way from the page's edge, or from the cursor it started at when it
 * is empty. Cursors come from stored sort keys, which the answer itself does not show.
 */
public record PageCursors(Optional<Cursor> before, Optional<Cursor> after) {

  /**
   * @param onwardsKey the sort key the read stopped at with more possibly left (it may be an item
   *     the answer leaves out, such as an expired one, so a page of only those still leads on)
   * @param edgeKey the page's item nearest to where it started; empty when the page is empty
   */
  public static PageCursors of(
      ThreadQuery query, Optional<String> onwardsKey, Optional<String> edgeKey) {
    boolean forward = query.after().isPresent();
    Optional<Cursor> from = forward ? query.after() : query.before();
    String customer = query.customer().value();
    Optional<Cursor> onwards = onwardsKey.map(key -> new Cursor(customer, key));
    Optional<Cursor> edge = edgeKey.map(key -> new Cursor(customer, key)).or(() -> from);
    return forward
        ? new PageCursors(edge, onwards)
        : new PageCursors(onwards, from.isPresent() ? edge : Optional.empty());
  }
}
