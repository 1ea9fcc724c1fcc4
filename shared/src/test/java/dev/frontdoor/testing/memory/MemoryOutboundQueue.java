package dev.frontdoor.testing.memory;

import dev.frontdoor.outbound.port.out.OutboundQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OutboundQueue} in memory: message id to group, in order; an id enqueued again is dropped,
 * as the FIFO queue's deduplication does.
 */
public final class MemoryOutboundQueue implements OutboundQueue {
  private final Map<String, String> groups = new LinkedHashMap<>();

  @Override
  public synchronized void enqueue(String messageId, String group) {
    groups.putIfAbsent(messageId, group);
  }

  public synchronized List<String> messageIds() {
    return List.copyOf(groups.keySet());
  }

  public synchronized String groupOf(String messageId) {
    return groups.get(messageId);
  }
}
