-- Calls per day (UTC, by start) by provider and outcome, and how many ended with a summary the
-- customer's WhatsApp delivered (delivered or read).
SELECT
  c.utc_date,
  c.provider,
  c.outcome,
  count(*) AS calls,
  count(CASE WHEN s.delivered THEN 1 END) AS summaries_delivered
FROM calls c
LEFT JOIN summaries s ON s.call_id = c.call_id
GROUP BY c.utc_date, c.provider, c.outcome
ORDER BY c.utc_date, c.provider, c.outcome
