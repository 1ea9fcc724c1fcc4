-- Each customer's opt-out state as of the export (one row per customer who ever opted out or in).
CREATE OR REPLACE VIEW optouts AS
SELECT
  e.item.customer_ref.s AS customer_ref,
  e.item.opted_out."bool" AS opted_out,
  CAST(e.item.changed_at.n AS BIGINT) AS changed_at_ms,
  CAST(e.item.opted_out_at.n AS BIGINT) AS opted_out_at_ms,
  CAST(e.item.opt_in_at.n AS BIGINT) AS opt_in_at_ms,
  e.item.source.s AS source
FROM export_items e
LEFT JOIN tombstones t ON t.customer_ref = e.item.customer_ref.s
WHERE e.item.entity.s = 'optout'
  AND (t.erased_at_ms IS NULL OR t.erased_at_ms < CAST(e.item.changed_at.n AS BIGINT))
  AND CAST(e.item.expires_at.n AS BIGINT) > to_unixtime(current_timestamp)
