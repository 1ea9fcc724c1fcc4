-- Every status Meta reported, one row per distinct status of a message (sent, delivered, read,
-- failed, payment_*), with its time and pricing; no numbers.
CREATE OR REPLACE VIEW statuses AS
SELECT
  e.item.customer_ref.s AS customer_ref,
  e.item.business_number_id.s AS business_number_id,
  e.item.wamid.s AS wamid,
  e.item."status".s AS status,
  CAST(e.item."at".n AS BIGINT) AS at_ms,
  from_unixtime(CAST(e.item."at".n AS DOUBLE) / 1000) AS at_utc,
  CAST(from_unixtime(CAST(e.item."at".n AS DOUBLE) / 1000) AS DATE) AS utc_date,
  e.item.pricing.m.pricing_model.s AS pricing_model,
  e.item.pricing.m.category.s AS pricing_category,
  e.item.pricing.m.billable."bool" AS billable
FROM export_items e
LEFT JOIN tombstones t ON t.customer_ref = e.item.customer_ref.s
WHERE e.item.entity.s = 'status'
  AND (t.erased_at_ms IS NULL OR t.erased_at_ms < CAST(e.item."at".n AS BIGINT))
  AND CAST(e.item.expires_at.n AS BIGINT) > to_unixtime(current_timestamp)
