package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;

import dev.frontdoor.outbound.delivery.ThroughputLimiter;
import dev.frontdoor.outbound.delivery.port.out.RateLeases;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The schedule on one item per business number, {@code pk = RATE#<phone_number_id>}: {@code tat} is
 * the next free send time (µs). A busy schedule advances with one conditional {@code ADD} (no
 * read); an idle one restarts from now with one conditional {@code SET}.
 */
public final class DynamoDbRateLeases implements RateLeases {
  /** Another instance restarted the idle schedule first: the caller tries again at once. */
  static final long RACED = -2;

  private final TableClient table;

  /** The schedule's end as this instance last saw it, per number: which write to try first. */
  private final Map<String, Long> lastSeenTat = new java.util.concurrent.ConcurrentHashMap<>();

  public DynamoDbRateLeases(DynamoDbClient client, String tableName) {
    this.table = new TableClient(client, tableName);
  }

  @Override
  public long reserve(
      String phoneNumberId, int count, long intervalMicros, long nowMicros, long horizonMicros) {
    long span = count * intervalMicros;
    long expires = nowMicros / 1_000_000 + 3600;
    // Below the number's limit the schedule is mostly idle when an instance asks, and the ADD
    // would fail its condition first: an instance that last saw the schedule end before now tries
    // the restart first (one write instead of two); a busy one the ADD.
    Long seen = lastSeenTat.get(phoneNumberId);
    if (seen != null && seen < nowMicros && restart(phoneNumberId, nowMicros, span, expires)) {
      lastSeenTat.put(phoneNumberId, nowMicros + span);
      return nowMicros;
    }
    long first = reserveBusyOrRestart(phoneNumberId, nowMicros, span, expires, horizonMicros);
    if (first >= 0) {
      lastSeenTat.put(phoneNumberId, first + span);
    } else if (first == ThroughputLimiter.BOOKED) {
      lastSeenTat.put(phoneNumberId, nowMicros + horizonMicros);
    } else {
      lastSeenTat.remove(phoneNumberId);
    }
    return first;
  }

  private long reserveBusyOrRestart(
      String phoneNumberId, long nowMicros, long span, long expires, long horizonMicros) {
    // Busy: tat in [now, now + horizon): take [tat, tat + span) with one ADD, no read.
    try {
      UpdateItemResponse added =
          table.update(
              request(phoneNumberId)
                  .updateExpression("ADD tat :span SET entity = :rate, expires_at = :exp")
                  .conditionExpression("tat >= :now AND tat < :limit")
                  .expressionAttributeValues(
                      values(
                          ":span", span,
                          ":now", nowMicros,
                          ":limit", nowMicros + horizonMicros,
                          ":rate", "rate",
                          ":exp", expires))
                  .returnValues(ReturnValue.UPDATED_NEW)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Long.parseLong(added.attributes().get("tat").n()) - span;
    } catch (ConditionalCheckFailedException e) {
      AttributeValue tat = table.itemAfterFailedCondition(e, key(phoneNumberId)).get("tat");
      if (tat != null && Long.parseLong(tat.n()) >= nowMicros + horizonMicros) {
        return ThroughputLimiter.BOOKED;
      }
      if (tat != null && Long.parseLong(tat.n()) >= nowMicros) {
        return RACED; // moved since the condition failed (read after it where the engine needs)
      }
    }
    return restart(phoneNumberId, nowMicros, span, expires) ? nowMicros : RACED;
  }

  /** Idle (or new): restarts the schedule at now; false when it is busy after all. */
  private boolean restart(String phoneNumberId, long nowMicros, long span, long expires) {
    Optional<Map<String, AttributeValue>> idle =
        table.updateOrOld(
            request(phoneNumberId)
                .updateExpression("SET tat = :next, entity = :rate, expires_at = :exp")
                .conditionExpression("attribute_not_exists(tat) OR tat < :now")
                .expressionAttributeValues(
                    values(
                        ":next",
                        nowMicros + span,
                        ":now",
                        nowMicros,
                        ":rate",
                        "rate",
                        ":exp",
                        expires)));
    return idle.isEmpty();
  }

  @Override
  public void pause(String phoneNumberId, long nowMicros, long pauseMicros) {
    long expires = nowMicros / 1_000_000 + 3600;
    String notPaused = "(attribute_not_exists(paused_until) OR paused_until < :now)";
    Map<String, AttributeValue> values =
        values(
            ":pause",
            pauseMicros,
            ":now",
            nowMicros,
            ":until",
            nowMicros + pauseMicros,
            ":exp",
            expires);
    // Busy: every later reservation starts a pause later.
    Optional<Map<String, AttributeValue>> busy =
        table.updateOrOld(
            request(phoneNumberId)
                .updateExpression(
                    "SET tat = tat + :pause, paused_until = :until, expires_at = :exp")
                .conditionExpression("tat >= :now AND " + notPaused)
                .expressionAttributeValues(values));
    if (busy.isPresent()) {
      // Idle (or new): the schedule restarts a pause from now; already paused: nothing to do.
      table.updateIgnoringCondition(
          request(phoneNumberId)
              .updateExpression(
                  "SET tat = :until, paused_until = :until, entity = :rate, expires_at = :exp")
              .conditionExpression("(attribute_not_exists(tat) OR tat < :now) AND " + notPaused)
              .expressionAttributeValues(
                  values(
                      ":until",
                      nowMicros + pauseMicros,
                      ":now",
                      nowMicros,
                      ":rate",
                      "rate",
                      ":exp",
                      expires)));
    }
  }

  private Map<String, AttributeValue> key(String phoneNumberId) {
    return table.key("RATE#" + phoneNumberId, "RATE");
  }

  private UpdateItemRequest.Builder request(String phoneNumberId) {
    return UpdateItemRequest.builder().key(key(phoneNumberId));
  }
}
