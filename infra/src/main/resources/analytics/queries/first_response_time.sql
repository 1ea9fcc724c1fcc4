-- First response time per business number: from a customer message that starts a wait (the first
-- of the conversation, or the first after a business message) to the first business message after
-- it (call summaries are not replies). Whole minutes, floored; p50 and p90 by approx_percentile.
WITH conversation AS (
  SELECT
    customer_ref, business_number_id, direction, at_ms,
    lag(direction) OVER (
      PARTITION BY customer_ref, business_number_id ORDER BY at_ms, direction
    ) AS previous_direction
  FROM messages
  WHERE summary_of_call_id IS NULL
),
waits AS (
  SELECT customer_ref, business_number_id, at_ms
  FROM conversation
  WHERE direction = 'in' AND (previous_direction IS NULL OR previous_direction = 'out')
),
responses AS (
  SELECT
    w.business_number_id,
    CAST(floor(CAST(min(o.at_ms) - w.at_ms AS DOUBLE) / 60000) AS BIGINT) AS minutes
  FROM waits w
  JOIN conversation o
    ON o.customer_ref = w.customer_ref
    AND o.business_number_id = w.business_number_id
    AND o.direction = 'out'
    AND o.at_ms > w.at_ms
  GROUP BY w.business_number_id, w.customer_ref, w.at_ms
)
SELECT
  business_number_id,
  count(*) AS responses,
  approx_percentile(minutes, 0.5) AS p50_minutes,
  approx_percentile(minutes, 0.9) AS p90_minutes
FROM responses
GROUP BY business_number_id
ORDER BY business_number_id
