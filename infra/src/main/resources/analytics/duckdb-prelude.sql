-- Applied only locally, before the views: Trino (Athena engine v3) functions the queries use that
-- DuckDB lacks, as DuckDB macros with Trino's meaning. Athena never sees this file.
SET TimeZone = 'UTC';
-- from_unixtime(seconds) -> timestamp with time zone (UTC session)
CREATE OR REPLACE MACRO from_unixtime(seconds) AS to_timestamp(CAST(seconds AS DOUBLE));
-- to_unixtime(timestamp) -> seconds as a double
CREATE OR REPLACE MACRO to_unixtime(ts) AS CAST(epoch_ms(ts) AS DOUBLE) / 1000;
-- approx_percentile(x, p): the smallest value whose cumulative share reaches p (nearest rank);
-- Trino's digest answers the same on the small, exact inputs the checks use
CREATE OR REPLACE MACRO approx_percentile(x, p) AS quantile_disc(x, p);
-- json_extract_scalar(json, path) -> varchar
CREATE OR REPLACE MACRO json_extract_scalar(json, path) AS json_extract_string(json, path);
