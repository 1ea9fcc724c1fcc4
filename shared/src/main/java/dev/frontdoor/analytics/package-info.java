/**
 * Analytics: the table written out in the format of DynamoDB's export to S3 ({@link
 * dev.frontdoor.analytics.DynamoDbJsonExport}), so that the same SQL the Athena named queries run
 * can be checked locally (docs/data-model.md 13).
 */
package dev.frontdoor.analytics;
