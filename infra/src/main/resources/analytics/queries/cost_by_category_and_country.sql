-- What Meta charges for: business messages by pricing category and the customer's country (from
-- the calling code of their number, see the calling_codes view), billable and free as Meta's
-- status webhooks reported them. Multiply billable by the rate card of the category and market.
SELECT
  COALESCE(pricing_category, 'unpriced') AS pricing_category,
  country,
  count(*) AS messages,
  count(CASE WHEN billable THEN 1 END) AS billable,
  count(CASE WHEN billable = false THEN 1 END) AS free
FROM messages
WHERE direction = 'out'
GROUP BY COALESCE(pricing_category, 'unpriced'), country
ORDER BY pricing_category, country
