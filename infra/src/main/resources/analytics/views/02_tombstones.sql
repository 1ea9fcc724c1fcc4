-- Erased customers (docs/data-model.md 12), read from the NEWEST export (latest_items): an export
-- taken before an erasure still has the customer's rows, and every view drops them by joining this.
CREATE OR REPLACE VIEW tombstones AS
SELECT
  item.customer_ref.s AS customer_ref,
  max(CAST(item.erased_at.n AS BIGINT)) AS erased_at_ms
FROM latest_items
WHERE item.entity.s = 'tombstone'
GROUP BY item.customer_ref.s
