package dev.frontdoor.adapter.out.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class OutboundQueueBodyTest {
  private static final String MESSAGE_ID = "01JBX5Q8ZK3V7N2M4P6R8T0W1Y";

  @Test
  void read_writtenBody_givesTheMessageIdBack() {
    assertThat(OutboundQueueBody.read(OutboundQueueBody.write(MESSAGE_ID))).contains(MESSAGE_ID);
  }

  @Test
  void write_messageId_carriesNothingElse() {
    assertThat(OutboundQueueBody.write(MESSAGE_ID))
        .isEqualTo("{\"message_id\":\"" + MESSAGE_ID + "\"}");
  }

  @Test
  void read_bodiesNotOurs_areEmpty() {
    assertThat(OutboundQueueBody.read("not json")).isEmpty();
    assertThat(OutboundQueueBody.read("{\"message_id\":\"too-short\"}")).isEmpty();
    assertThat(OutboundQueueBody.read("{\"id\":\"" + MESSAGE_ID + "\"}")).isEmpty();
    assertThat(OutboundQueueBody.read(JsonNodeFactory.instance.numberNode(7))).isEmpty();
  }
}
