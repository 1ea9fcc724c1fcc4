package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;

import dev.frontdoor.threads.CallPermission;
import dev.frontdoor.threads.Cursor;
import dev.frontdoor.threads.PageCursors;
import dev.frontdoor.threads.PublicFields;
import dev.frontdoor.threads.ServiceWindow;
import dev.frontdoor.threads.ThreadQuery;
import dev.frontdoor.threads.ThreadView;
import dev.frontdoor.threads.port.out.ThreadReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A thread page: one Query on the timeline ({@code begins_with(sk, 'EV#')}, newest first by
 * default, {@code ExclusiveStartKey} from the cursor), and the customer's state (thread meta,
 * opt-out, service windows: {@link CustomerState}). Both strongly consistent, so a caller reads its
 * own writes.
 */
public final class DynamoDbThreadReader implements ThreadReader {
  private final TableClient table;

  public DynamoDbThreadReader(DynamoDbClient client, String tableName) {
    this.table = new TableClient(client, tableName);
  }

  @Override
  public ThreadView read(ThreadQuery query, Instant now) {
    String pk = Keys.customer(query.customer());
    boolean forward = query.after().isPresent();
    Optional<Cursor> from = forward ? query.after() : query.before();
    QueryRequest.Builder request =
        QueryRequest.builder()
            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
            .filterExpression("attribute_not_exists(expires_at) OR expires_at > :now")
            .expressionAttributeValues(
                values(":pk", pk, ":prefix", Keys.TIMELINE_PREFIX, ":now", now.getEpochSecond()))
            .scanIndexForward(forward)
            .consistentRead(true)
            .limit(query.limit());
    from.ifPresent(cursor -> request.exclusiveStartKey(table.key(pk, cursor.sortKey())));
    QueryResponse page = table.queryPage(request);
    List<Map<String, AttributeValue>> stored = new ArrayList<>(page.items());
    if (!forward) {
      Collections.reverse(stored);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, AttributeValue> item : stored) {
      items.add(PublicFields.timelineItem(AttributeValues.toJava(item)));
    }
    // Onwards, paging resumes where the query stopped: its last evaluated key, which the filter
    // may have dropped (an expired item), so a page of only expired items still leads on.
    Optional<String> onwards =
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? Optional.of(page.lastEvaluatedKey().get(Keys.SK).s())
            : Optional.empty();
    Optional<String> edge =
        stored.isEmpty()
            ? Optional.empty()
            : Optional.of(
                (forward ? stored.get(0) : stored.get(stored.size() - 1)).get(Keys.SK).s());
    PageCursors cursors = PageCursors.of(query, onwards, edge);
    return meta(query, now, items, cursors.before(), cursors.after());
  }

  private ThreadView meta(
      ThreadQuery query,
      Instant now,
      List<Map<String, Object>> items,
      Optional<Cursor> before,
      Optional<Cursor> after) {
    CustomerState state = CustomerState.read(table, query.customer(), now);
    Map<String, Object> thread = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : List.of(state.optOut(), state.thread())) {
      thread.putAll(PublicFields.thread(AttributeValues.toJava(item)));
    }
    // The name on the customer's latest message; when that is over a day old, on this page's.
    state
        .latestProfileName()
        .or(() -> newestProfileName(items))
        .ifPresent(name -> thread.put("profile_name", name));
    List<CallPermission> permissions = new ArrayList<>();
    for (Map<String, AttributeValue> item : state.callPermissions()) {
      permissions.add(CallPermission.fromStored(AttributeValues.toJava(item)));
    }
    PublicFields.callPermissions(permissions, now).ifPresent(shown -> thread.putAll(shown));
    List<ThreadView.Window> windows = new ArrayList<>();
    for (ServiceWindow window : state.windows()) {
      windows.add(ThreadView.Window.of(window, now));
    }
    return new ThreadView(query.customer().value(), thread, windows, items, before, after);
  }

  private static Optional<String> newestProfileName(List<Map<String, Object>> itemsInTimeOrder) {
    for (int i = itemsInTimeOrder.size() - 1; i >= 0; i--) {
      Map<String, Object> item = itemsInTimeOrder.get(i);
      if ("in".equals(item.get("direction")) && item.get("profile_name") instanceof String name) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
