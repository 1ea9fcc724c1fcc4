package dev.frontdoor.infra.local;

import static dev.frontdoor.infra.template.SamTemplate.map;

import dev.frontdoor.infra.template.SamTemplate;
import dev.frontdoor.logging.Log;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Moves every message of each dead-letter queue back to the queue whose redrive policy names it,
 * keeping its group and message attributes (the sender's dead-letter reason) with a new
 * deduplication id (what SQS's DLQ redrive does in AWS). A redriven message is safe to send again:
 * the sender never sends a message that already has a wamid or a final state.
 */
final class Redrive {
  private static final Log LOG = Log.of(Redrive.class);

  private Redrive() {}

  static int all(SqsClient sqs, LocalDeployment deployment, SamTemplate template) {
    int moved = 0;
    for (Map.Entry<String, Map<String, Object>> queue :
        template.resourcesOfType("AWS::SQS::Queue").entrySet()) {
      Object target =
          map(map(queue.getValue().get("RedrivePolicy")).get("deadLetterTargetArn"))
              .get("Fn::GetAtt");
      if (target instanceof List<?> parts) {
        LocalDeployment.LocalQueue source = deployment.queues().get(queue.getKey());
        LocalDeployment.LocalQueue dlq = deployment.queues().get(String.valueOf(parts.get(0)));
        moved += move(sqs, dlq, source);
      }
    }
    return moved;
  }

  private static int move(
      SqsClient sqs, LocalDeployment.LocalQueue from, LocalDeployment.LocalQueue to) {
    int moved = 0;
    while (true) {
      List<Message> messages =
          sqs.receiveMessage(
                  request ->
                      request
                          .queueUrl(from.url())
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(0)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (messages.isEmpty()) {
        break;
      }
      for (Message message : messages) {
        Map<String, String> attributes = message.attributesAsStrings();
        sqs.sendMessage(
            request -> {
              request
                  .queueUrl(to.url())
                  .messageBody(message.body())
                  .messageAttributes(message.messageAttributes());
              if (attributes.containsKey("MessageGroupId")) {
                request.messageGroupId(attributes.get("MessageGroupId"));
                // A new deduplication id: the original is inside SQS's 5-minute window.
                request.messageDeduplicationId(message.messageId());
              }
            });
        sqs.deleteMessage(
            request -> request.queueUrl(from.url()).receiptHandle(message.receiptHandle()));
        moved++;
      }
    }
    LOG.info("local.redrive")
        .field("from", from.name())
        .field("to", to.name())
        .field("moved", moved)
        .write();
    return moved;
  }
}
