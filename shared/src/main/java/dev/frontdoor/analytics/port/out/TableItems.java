package dev.frontdoor.analytics.port.out;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** Every item of the table, read in segments, each as DynamoDB JSON ({@code {"pk":{"S":…}}}). */
public interface TableItems {
  /** The table's ARN and id, as DescribeTable answers them (the export's manifest names both). */
  TableIdentity identity();

  /**
   * Hands every item of one segment of a parallel scan to {@code item}, in the engine's order, each
   * as DynamoDB JSON (the attribute-value types as keys: S, N, B, SS, NS, BS, M, L, NULL, BOOL).
   */
  void scan(int segment, int totalSegments, Consumer<ObjectNode> item);

  /** The table's ARN and its id ({@code TableId}; empty when the engine has none). */
  record TableIdentity(String arn, String id) {}
}
