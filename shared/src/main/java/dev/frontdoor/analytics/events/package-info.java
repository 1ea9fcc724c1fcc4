/**
 * Integration events (docs/events.md, docs/data-model.md 14): what other systems hear about what
 * the table stored. A stored change (the old and new image of one item, as a DynamoDB stream record
 * carries them) becomes zero or one {@link dev.frontdoor.analytics.events.IntegrationEvent}, whose
 * id is derived from the item, so a replayed change gives the same id. The same mapping runs in AWS
 * (the table's stream, a function, EventBridge) and locally (the local runtime's capture of the
 * table's writes).
 */
package dev.frontdoor.analytics.events;
