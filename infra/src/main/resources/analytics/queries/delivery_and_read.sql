-- Delivery and read rates of business messages by day sent, and the time from sent to delivered
-- and to read (seconds, p50 and p90). Rates: delivered / sent and read / delivered, 4 decimals.
SELECT
  utc_date,
  count(*) AS messages,
  count(sent_at_ms) AS sent,
  count(CASE WHEN delivered_at_ms IS NOT NULL OR read_at_ms IS NOT NULL THEN 1 END) AS delivered,
  count(read_at_ms) AS "read",
  count(failed_at_ms) AS failed,
  round(
    CAST(count(CASE WHEN delivered_at_ms IS NOT NULL OR read_at_ms IS NOT NULL THEN 1 END) AS DOUBLE)
      / NULLIF(count(sent_at_ms), 0),
    4) AS delivery_rate,
  round(
    CAST(count(read_at_ms) AS DOUBLE)
      / NULLIF(count(CASE WHEN delivered_at_ms IS NOT NULL OR read_at_ms IS NOT NULL THEN 1 END), 0),
    4) AS read_rate,
  approx_percentile(
    CAST(floor(CAST(delivered_at_ms - sent_at_ms AS DOUBLE) / 1000) AS BIGINT), 0.5)
    AS p50_seconds_to_delivered,
  approx_percentile(
    CAST(floor(CAST(delivered_at_ms - sent_at_ms AS DOUBLE) / 1000) AS BIGINT), 0.9)
    AS p90_seconds_to_delivered,
  approx_percentile(CAST(floor(CAST(read_at_ms - sent_at_ms AS DOUBLE) / 1000) AS BIGINT), 0.5)
    AS p50_seconds_to_read,
  approx_percentile(CAST(floor(CAST(read_at_ms - sent_at_ms AS DOUBLE) / 1000) AS BIGINT), 0.9)
    AS p90_seconds_to_read
FROM messages
WHERE direction = 'out'
GROUP BY utc_date
ORDER BY utc_date
