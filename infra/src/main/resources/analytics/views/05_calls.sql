-- Calls on every provider, one row per call: provider, direction (seen from the customer), times,
-- outcome, duration and the state of its summary; no numbers, notes or references.
CREATE OR REPLACE VIEW calls AS
SELECT
  e.item.customer_ref.s AS customer_ref,
  e.item.call_id.s AS call_id,
  e.item.provider.s AS provider,
  e.item.direction.s AS direction,
  CAST(e.item."at".n AS BIGINT) AS at_ms,
  CAST(COALESCE(e.item.started_at.n, e.item."at".n) AS BIGINT) AS started_at_ms,
  CAST(from_unixtime(CAST(COALESCE(e.item.started_at.n, e.item."at".n) AS DOUBLE) / 1000) AS DATE)
    AS utc_date,
  CAST(e.item.answered_at.n AS BIGINT) AS answered_at_ms,
  CAST(e.item.ended_at.n AS BIGINT) AS ended_at_ms,
  CAST(e.item.duration_s.n AS BIGINT) AS duration_s,
  COALESCE(e.item.outcome.s, 'in_progress') AS outcome,
  e.item.summary.m.state.s AS summary_state,
  e.item.summary.m.message_id.s AS summary_message_id,
  e.item.summary.m.mode.s AS summary_mode
FROM export_items e
LEFT JOIN tombstones t ON t.customer_ref = e.item.customer_ref.s
WHERE e.item.entity.s = 'call'
  AND (t.erased_at_ms IS NULL OR t.erased_at_ms < CAST(e.item."at".n AS BIGINT))
  AND CAST(e.item.expires_at.n AS BIGINT) > to_unixtime(current_timestamp)
