-- Every status Meta reported, one row per distinct status of a message (sent, delivered, read,
-- failed) and per status that belongs to no message (payment_*), with its time and pricing; no
-- numbers. A message status is kept on its message, the time it was first seen (status_at_*),
-- with the message's pricing (from the first status that carried it); a payment status is its own
-- status item. Status items of message statuses, written by tables older than that, are left out:
-- their message holds the same first time.
CREATE OR REPLACE VIEW statuses AS
WITH status_items AS (
  SELECT
    e.item.customer_ref.s AS customer_ref,
    e.item.business_number_id.s AS business_number_id,
    e.item.wamid.s AS wamid,
    e.item."status".s AS status,
    CAST(e.item."at".n AS BIGINT) AS at_ms,
    e.item.pricing.m.pricing_model.s AS pricing_model,
    e.item.pricing.m.category.s AS pricing_category,
    e.item.pricing.m.billable."bool" AS billable,
    CAST(e.item.expires_at.n AS BIGINT) AS expires_at_s
  FROM export_items e
  WHERE e.item.entity.s = 'status'
    AND e.item."status".s NOT IN ('sent', 'delivered', 'read', 'failed')
),
outbound AS (
  SELECT
    e.item.customer_ref.s AS customer_ref,
    e.item.business_number_id.s AS business_number_id,
    e.item.wamid.s AS wamid,
    CAST(e.item.status_at_sent.n AS BIGINT) AS sent_ms,
    CAST(e.item.status_at_delivered.n AS BIGINT) AS delivered_ms,
    CAST(e.item.status_at_read.n AS BIGINT) AS read_ms,
    CAST(e.item.status_at_failed.n AS BIGINT) AS failed_ms,
    e.item.pricing.m.pricing_model.s AS pricing_model,
    e.item.pricing.m.category.s AS pricing_category,
    e.item.pricing.m.billable."bool" AS billable,
    CAST(e.item.expires_at.n AS BIGINT) AS expires_at_s
  FROM export_items e
  WHERE e.item.entity.s = 'message' AND e.item.direction.s = 'out'
),
reported AS (
  SELECT customer_ref, business_number_id, wamid, status, at_ms, pricing_model, pricing_category,
    billable, expires_at_s
  FROM status_items
  UNION ALL
  SELECT customer_ref, business_number_id, wamid, 'sent', sent_ms, pricing_model, pricing_category,
    billable, expires_at_s
  FROM outbound WHERE sent_ms IS NOT NULL
  UNION ALL
  SELECT customer_ref, business_number_id, wamid, 'delivered', delivered_ms, pricing_model,
    pricing_category, billable, expires_at_s
  FROM outbound WHERE delivered_ms IS NOT NULL
  UNION ALL
  SELECT customer_ref, business_number_id, wamid, 'read', read_ms, pricing_model, pricing_category,
    billable, expires_at_s
  FROM outbound WHERE read_ms IS NOT NULL
  UNION ALL
  SELECT customer_ref, business_number_id, wamid, 'failed', failed_ms, pricing_model,
    pricing_category, billable, expires_at_s
  FROM outbound WHERE failed_ms IS NOT NULL
)
SELECT
  r.customer_ref,
  r.business_number_id,
  r.wamid,
  r.status,
  r.at_ms,
  from_unixtime(CAST(r.at_ms AS DOUBLE) / 1000) AS at_utc,
  CAST(from_unixtime(CAST(r.at_ms AS DOUBLE) / 1000) AS DATE) AS utc_date,
  r.pricing_model,
  r.pricing_category,
  r.billable
FROM reported r
LEFT JOIN tombstones t ON t.customer_ref = r.customer_ref
WHERE (t.erased_at_ms IS NULL OR t.erased_at_ms < r.at_ms)
  AND r.expires_at_s > to_unixtime(current_timestamp)
