-- Business messages that failed, by the Graph API error code (a failed status webhook's first
-- error, or the Graph API's refusal), e.g. 131047 re-engagement, 130429 throughput, 131056 pair
-- rate.
SELECT error_code, error_source, count(*) AS messages
FROM messages
WHERE direction = 'out' AND error_code IS NOT NULL
GROUP BY error_code, error_source
ORDER BY error_code, error_source
