-- Volumes by day (UTC), channel, direction and message type: WhatsApp messages both ways, and
-- calls (channel 'voice', type 'call:<provider>').
SELECT utc_date, channel, direction, message_type, count(*) AS items
FROM (
  SELECT utc_date, channel, direction, message_type FROM messages
  UNION ALL
  SELECT utc_date, 'voice' AS channel, direction, 'call:' || provider AS message_type FROM calls
) AS volumes
GROUP BY utc_date, channel, direction, message_type
ORDER BY utc_date, channel, direction, message_type
