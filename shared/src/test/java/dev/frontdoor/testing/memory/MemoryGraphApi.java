package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.delivery.GraphResult;
import dev.frontdoor.outbound.delivery.port.out.GraphApi;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link GraphApi} in memory: accepts every send unless a test scripts the answers for a message
 * (by its {@code biz_opaque_callback_data}, the message id); records what was sent, in order.
 */
public final class MemoryGraphApi implements GraphApi {
  private final Map<String, Deque<Supplier<GraphResult>>> scripts = new HashMap<>();
  private final List<String> sentMessageIds = new ArrayList<>();
  private Runnable duringEachCall = () -> {};

  /** The next answers to sends of {@code messageId}, then acceptance. */
  public synchronized MemoryGraphApi answer(String messageId, GraphResult... results) {
    for (GraphResult result : results) {
      script(messageId).add(() -> result);
    }
    return this;
  }

  /** The next send of {@code messageId} throws, as a bug in an adapter would. */
  public synchronized MemoryGraphApi fail(String messageId, RuntimeException failure) {
    script(messageId)
        .add(
            () -> {
              throw failure;
            });
    return this;
  }

  /** Runs during every call, e.g. to move a {@link ManualClock} by a call's duration. */
  public synchronized MemoryGraphApi duringEachCall(Runnable action) {
    this.duringEachCall = action;
    return this;
  }

  /** The message ids of every call made, in call order. */
  public synchronized List<String> sentMessageIds() {
    return List.copyOf(sentMessageIds);
  }

  @Override
  public GraphResult send(String phoneNumberId, Map<String, Object> body) {
    String messageId = String.valueOf(body.get("biz_opaque_callback_data"));
    Supplier<GraphResult> answer;
    synchronized (this) {
      sentMessageIds.add(messageId);
      answer = script(messageId).poll();
    }
    duringEachCall.run();
    return answer == null ? new GraphResult.Accepted("wamid." + messageId) : answer.get();
  }

  private Deque<Supplier<GraphResult>> script(String messageId) {
    return scripts.computeIfAbsent(messageId, id -> new ArrayDeque<>());
  }
}
