/** DynamoDB stream records (Lambda's event, or the local runtime's capture) as stored changes. */
package dev.frontdoor.adapter.in.stream;
