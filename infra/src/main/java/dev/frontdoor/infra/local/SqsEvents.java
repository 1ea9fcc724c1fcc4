package dev.frontdoor.infra.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Lambda's SQS event, as its event source mapping hands received messages to a function: one record
 * a message, with the attributes asked for at receive. The local runtime's pollers and the
 * cold-start bench both build it here.
 */
public final class SqsEvents {
  private SqsEvents() {}

  public static ObjectNode of(List<Message> messages, String queueArn) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", message.messageId());
      record.put("receiptHandle", message.receiptHandle());
      record.put("body", message.body());
      ObjectNode attributes = record.putObject("attributes");
      message.attributesAsStrings().forEach(attributes::put);
      record.putObject("messageAttributes");
      record.put("md5OfBody", message.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", LocalAws.REGION);
    }
    return event;
  }
}
