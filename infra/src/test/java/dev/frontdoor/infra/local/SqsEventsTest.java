package dev.frontdoor.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsEventsTest {

  @Test
  void of_oneRecordAMessage_inLambdasShape() {
    Message message =
        Message.builder()
            .messageId("m1")
            .receiptHandle("r1")
            .body("{\"message_id\":\"01X\"}")
            .attributesWithStrings(Map.of("ApproximateReceiveCount", "2"))
            .md5OfBody("d41d8cd98f00b204e9800998ecf8427e")
            .build();

    assertThat(SqsEvents.of(List.of(message, message), "arn:aws:sqs:q").toString())
        .isEqualTo("{\"Records\":[" + record() + "," + record() + "]}");
  }

  private static String record() {
    return "{\"messageId\":\"m1\",\"receiptHandle\":\"r1\","
        + "\"body\":\"{\\\"message_id\\\":\\\"01X\\\"}\","
        + "\"attributes\":{\"ApproximateReceiveCount\":\"2\"},\"messageAttributes\":{},"
        + "\"md5OfBody\":\"d41d8cd98f00b204e9800998ecf8427e\",\"eventSource\":\"aws:sqs\","
        + "\"eventSourceARN\":\"arn:aws:sqs:q\",\"awsRegion\":\""
        + LocalAws.REGION
        + "\"}";
  }
}
