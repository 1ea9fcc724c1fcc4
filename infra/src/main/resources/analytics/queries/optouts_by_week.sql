-- Customers who opted out, by the week (UTC, from Monday) of their opt-out, and how many of them
-- are still opted out.
SELECT
  CAST(date_trunc('week', from_unixtime(CAST(opted_out_at_ms AS DOUBLE) / 1000)) AS DATE)
    AS week_starting,
  count(*) AS opted_out,
  count(CASE WHEN opted_out THEN 1 END) AS still_opted_out
FROM optouts
WHERE opted_out_at_ms IS NOT NULL
GROUP BY CAST(date_trunc('week', from_unixtime(CAST(opted_out_at_ms AS DOUBLE) / 1000)) AS DATE)
ORDER BY week_starting
