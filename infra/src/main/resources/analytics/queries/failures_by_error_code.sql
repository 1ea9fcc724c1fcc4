-- Business messages that failed, by the Graph API error code and where it was reported: 'webhook'
-- (a failed status from Meta) or 'graph_api' (the send was refused), e.g. 131047 re-engagement,
-- 130429 throughput, 131056 pair rate.
SELECT error_code, COALESCE(error_source, 'webhook') AS error_source, count(*) AS messages
FROM messages
WHERE direction = 'out' AND error_code IS NOT NULL
GROUP BY error_code, COALESCE(error_source, 'webhook')
ORDER BY error_code, error_source
