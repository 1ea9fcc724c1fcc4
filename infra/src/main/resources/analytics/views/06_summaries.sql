-- Call summaries sent to the customer's WhatsApp, one row per call, with the delivery state of the
-- message that carried it (delivered = delivered or read); no text.
CREATE OR REPLACE VIEW summaries AS
SELECT
  e.item.customer_ref.s AS customer_ref,
  e.item.call_id.s AS call_id,
  e.item.message_id.s AS message_id,
  e.item.mode.s AS mode,
  CAST(e.item."at".n AS BIGINT) AS at_ms,
  m.status AS message_status,
  (m.delivered_at_ms IS NOT NULL OR m.read_at_ms IS NOT NULL) AS delivered
FROM export_items e
LEFT JOIN messages m ON m.message_id = e.item.message_id.s
LEFT JOIN tombstones t ON t.customer_ref = e.item.customer_ref.s
WHERE e.item.entity.s = 'summary'
  AND (t.erased_at_ms IS NULL OR t.erased_at_ms < CAST(e.item."at".n AS BIGINT))
  AND CAST(e.item.expires_at.n AS BIGINT) > to_unixtime(current_timestamp)
