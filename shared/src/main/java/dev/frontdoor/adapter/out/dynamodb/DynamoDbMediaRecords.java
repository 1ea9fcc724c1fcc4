package dev.frontdoor.adapter.out.dynamodb;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.lifecycle.ArchivableMedia;
import dev.frontdoor.lifecycle.port.out.MediaRecords;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link MediaRecords} on inbound {@code MSG} items: {@code media_archive} is a map {@code {state:
 * archived|failed, key?, sha256?, bytes?, reason?, at}} (docs/data-model.md 5.5). Both updates are
 * P5 (the item must exist); {@code archived} is final, so a late failure never overwrites it.
 */
public final class DynamoDbMediaRecords implements MediaRecords {
  static final String ATTRIBUTE = "media_archive";

  private final TableClient table;

  public DynamoDbMediaRecords(DynamoDbClient client, String tableName) {
    this.table = new TableClient(client, tableName);
  }

  @Override
  public Optional<ArchivableMedia> find(CustomerKey thread, String sortKey, Instant now) {
    return table
        .getConsistent(Keys.customer(thread), sortKey)
        .filter(item -> !TimelineItems.expired(item, now))
        .filter(item -> item.containsKey("media") && item.get("media").hasM())
        .map(
            item -> {
              Map<String, AttributeValue> media = item.get("media").m();
              AttributeValue state =
                  item.containsKey(ATTRIBUTE) && item.get(ATTRIBUTE).hasM()
                      ? item.get(ATTRIBUTE).m().get("state")
                      : null;
              return new ArchivableMedia(
                  thread,
                  sortKey,
                  text(item.get("customer_ref")),
                  text(media.get("id")),
                  text(media.get("sha256")),
                  text(media.get("mime_type")),
                  item.containsKey("received_at")
                      ? Long.parseLong(item.get("received_at").n())
                      : Long.parseLong(item.get("at").n()),
                  Optional.ofNullable(state).map(AttributeValue::s));
            });
  }

  @Override
  public boolean markArchived(
      CustomerKey thread, String sortKey, String key, String sha256Hex, long bytes, Instant now) {
    try {
      table.update(
          UpdateItemRequest.builder()
              .key(table.key(Keys.customer(thread), sortKey))
              .updateExpression("SET #archive = :archive")
              .conditionExpression("attribute_exists(pk)")
              .expressionAttributeNames(Map.of("#archive", ATTRIBUTE))
              .expressionAttributeValues(
                  Map.of(
                      ":archive",
                      AttributeValue.fromM(
                          Map.of(
                              "state", AttributeValue.fromS("archived"),
                              "key", AttributeValue.fromS(key),
                              "sha256", AttributeValue.fromS(sha256Hex),
                              "bytes", AttributeValue.fromN(Long.toString(bytes)),
                              "at", AttributeValue.fromN(Long.toString(now.toEpochMilli())))))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void markFailed(CustomerKey thread, String sortKey, String reason, Instant now) {
    table.updateIgnoringCondition(
        UpdateItemRequest.builder()
            .key(table.key(Keys.customer(thread), sortKey))
            .updateExpression("SET #archive = :archive")
            .conditionExpression(
                "attribute_exists(pk) AND (attribute_not_exists(#archive) OR #archive.#state <>"
                    + " :archived)")
            .expressionAttributeNames(Map.of("#archive", ATTRIBUTE, "#state", "state"))
            .expressionAttributeValues(
                Map.of(
                    ":archived",
                    AttributeValue.fromS("archived"),
                    ":archive",
                    AttributeValue.fromM(
                        Map.of(
                            "state", AttributeValue.fromS("failed"),
                            "reason",
                                AttributeValue.fromS(
                                    reason.length() > 300 ? reason.substring(0, 300) : reason),
                            "at", AttributeValue.fromN(Long.toString(now.toEpochMilli())))))));
  }

  private static String text(AttributeValue value) {
    return value == null || value.s() == null ? null : value.s();
  }
}
