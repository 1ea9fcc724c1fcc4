package dev.frontdoor.adapter.in.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.analytics.events.StoredChange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lambda's DynamoDB stream event, as AWS documents its shape, decoded to stored changes. */
class DynamoDbStreamRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decodesImagesAndKinds_andMarksTtlDeletions() throws Exception {
    String event =
        """
        {"Records": [
          {"eventID": "1", "eventName": "MODIFY", "eventSource": "aws:dynamodb",
           "dynamodb": {"SequenceNumber": "111", "StreamViewType": "NEW_AND_OLD_IMAGES",
             "Keys": {"pk": {"S": "CUST#+27821234567"}, "sk": {"S": "EV#1#MSG#m"}},
             "OldImage": {"entity": {"S": "message"}, "status": {"S": "sent"}},
             "NewImage": {"entity": {"S": "message"}, "status": {"S": "read"},
               "status_at_read": {"N": "1749416400000"}, "flag": {"BOOL": true},
               "pricing": {"M": {"category": {"S": "service"}}},
               "lookups": {"SS": ["MSG#m", "WAMID#w"]}, "list": {"L": [{"N": "1.5"}, {"NULL": true}]}}}},
          {"eventID": "2", "eventName": "REMOVE",
           "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"},
           "dynamodb": {"SequenceNumber": "222", "OldImage": {"entity": {"S": "lookup"}}}}
        ]}
        """;

    List<DynamoDbStreamRecords.Record> records = DynamoDbStreamRecords.of(JSON.readTree(event));

    assertThat(records)
        .extracting(DynamoDbStreamRecords.Record::sequenceNumber)
        .containsExactly("111", "222");
    StoredChange modify = records.get(0).change();
    assertThat(modify.kind()).isEqualTo(StoredChange.Kind.MODIFY);
    assertThat(modify.byTimeToLive()).isFalse();
    assertThat(modify.oldImage()).containsEntry("status", "sent");
    Map<String, Object> now = modify.newImage();
    assertThat(now)
        .containsEntry("status_at_read", new BigDecimal("1749416400000"))
        .containsEntry("flag", true)
        .containsEntry("pricing", Map.of("category", "service"))
        .containsEntry("lookups", Set.of("MSG#m", "WAMID#w"));
    assertThat(now.get("list")).isEqualTo(java.util.Arrays.asList(new BigDecimal("1.5"), null));
    StoredChange remove = records.get(1).change();
    assertThat(remove.kind()).isEqualTo(StoredChange.Kind.REMOVE);
    assertThat(remove.byTimeToLive()).isTrue();
    assertThat(remove.newImage()).isEmpty();
  }

  @Test
  void notAStreamEvent_isRefused() throws Exception {
    assertThatThrownBy(() -> DynamoDbStreamRecords.of(JSON.readTree("{\"Records\":{}}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> DynamoDbStreamRecords.of(JSON.readTree("{\"Records\":[{\"eventName\":\"X\"}]}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
