-- WhatsApp messages both ways, one row per message; no bodies, payloads or numbers. The customer is
-- their pseudonym (customer_ref); country comes from the calling code of their number, without
-- exposing it: the key is CUST#+<digits>, and calling codes (1 to 3 digits) are prefix-free, so at
-- most one of the first 1, 2 or 3 digits is a listed code (three equi-joins, no cross join). Times are epoch milliseconds (UTC); *_utc columns are
-- timestamps. Rows of erased customers older than their erasure, and expired rows, are left out.
CREATE OR REPLACE VIEW messages AS
SELECT
  e.item.customer_ref.s AS customer_ref,
  COALESCE(c1.calling_code, c2.calling_code, c3.calling_code) AS calling_code,
  COALESCE(c1.country, c2.country, c3.country, 'other') AS country,
  'whatsapp' AS channel,
  e.item.business_number_id.s AS business_number_id,
  e.item.direction.s AS direction,
  e.item."type".s AS message_type,
  e.item.message_id.s AS message_id,
  e.item.summary_of_call_id.s AS summary_of_call_id,
  e.item."template".m.name.s AS template_name,
  CAST(e.item."at".n AS BIGINT) AS at_ms,
  from_unixtime(CAST(e.item."at".n AS DOUBLE) / 1000) AS at_utc,
  CAST(from_unixtime(CAST(e.item."at".n AS DOUBLE) / 1000) AS DATE) AS utc_date,
  e.item."status".s AS status,
  CAST(e.item.status_at_sent.n AS BIGINT) AS sent_at_ms,
  CAST(e.item.status_at_delivered.n AS BIGINT) AS delivered_at_ms,
  CAST(e.item.status_at_read.n AS BIGINT) AS read_at_ms,
  CAST(e.item.status_at_failed.n AS BIGINT) AS failed_at_ms,
  CAST(e.item."error".m.code.n AS INTEGER) AS error_code,
  e.item."error".m.title.s AS error_title,
  e.item."error".m.source.s AS error_source,
  e.item."error".m.reason.s AS error_reason,
  e.item.pricing.m.pricing_model.s AS pricing_model,
  e.item.pricing.m.category.s AS pricing_category,
  e.item.pricing.m."type".s AS pricing_type,
  e.item.pricing.m.billable."bool" AS billable
FROM export_items e
LEFT JOIN calling_codes c1
  ON c1.calling_code = CASE WHEN e.item.pk.s LIKE 'CUST#+%' THEN substr(e.item.pk.s, 7, 1) END
LEFT JOIN calling_codes c2
  ON c2.calling_code = CASE WHEN e.item.pk.s LIKE 'CUST#+%' THEN substr(e.item.pk.s, 7, 2) END
LEFT JOIN calling_codes c3
  ON c3.calling_code = CASE WHEN e.item.pk.s LIKE 'CUST#+%' THEN substr(e.item.pk.s, 7, 3) END
LEFT JOIN tombstones t ON t.customer_ref = e.item.customer_ref.s
WHERE e.item.entity.s = 'message'
  AND (t.erased_at_ms IS NULL OR t.erased_at_ms < CAST(e.item."at".n AS BIGINT))
  AND CAST(e.item.expires_at.n AS BIGINT) > to_unixtime(current_timestamp)
