package dev.frontdoor.infra.local;

import dev.frontdoor.adapter.out.aws.AwsClients;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

class TmpTransactProbeTest {
  @Test
  void probe() throws Exception {
    EmbeddedDynamoDb server =
        EmbeddedDynamoDb.start(0, Optional.of(Files.createTempDirectory("tx")));
    DynamoDbClient db =
        AwsClients.dynamoDb(
            LocalAws.environment(server.endpoint(), server.endpoint()),
            ApacheHttpClient.builder().maxConnections(64).build());
    db.createTable(
        r ->
            r.tableName("t")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                    AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType("HASH").build(),
                    KeySchemaElement.builder().attributeName("sk").keyType("RANGE").build()));
    String pad = "p".repeat(1800);
    AtomicLong seq = new AtomicLong();
    for (int round = 0; round < 2; round++) {
      for (String mode : List.of("put", "two_puts", "transact")) {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + 6_000_000_000L;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
          threads[t] =
              new Thread(
                  () -> {
                    while (System.nanoTime() < end) {
                      long n = seq.incrementAndGet();
                      String cust = "CUST#" + (n % 5000);
                      Map<String, AttributeValue> item =
                          Map.of(
                              "pk",
                              AttributeValue.fromS(cust),
                              "sk",
                              AttributeValue.fromS("EV#" + n),
                              "body",
                              AttributeValue.fromS(pad));
                      Put put =
                          Put.builder()
                              .tableName("t")
                              .item(item)
                              .conditionExpression("attribute_not_exists(pk)")
                              .build();
                      Update window =
                          Update.builder()
                              .tableName("t")
                              .key(
                                  Map.of(
                                      "pk",
                                      AttributeValue.fromS(cust),
                                      "sk",
                                      AttributeValue.fromS("WINDOW#1")))
                              .updateExpression("SET last_inbound_at = :t, closes_at = :c")
                              .conditionExpression(
                                  "attribute_not_exists(last_inbound_at) OR last_inbound_at < :t")
                              .expressionAttributeValues(
                                  Map.of(
                                      ":t",
                                      AttributeValue.fromN(Long.toString(n)),
                                      ":c",
                                      AttributeValue.fromN(Long.toString(n + 86400000))))
                              .build();
                      switch (mode) {
                        case "put" ->
                            db.putItem(
                                r ->
                                    r.tableName("t")
                                        .item(item)
                                        .conditionExpression("attribute_not_exists(pk)"));
                        case "two_puts" -> {
                          db.putItem(
                              r ->
                                  r.tableName("t")
                                      .item(item)
                                      .conditionExpression("attribute_not_exists(pk)"));
                          db.updateItem(
                              r ->
                                  r.tableName("t")
                                      .key(window.key())
                                      .updateExpression(window.updateExpression())
                                      .conditionExpression(window.conditionExpression())
                                      .expressionAttributeValues(
                                          window.expressionAttributeValues()));
                        }
                        default ->
                            db.transactWriteItems(
                                r ->
                                    r.transactItems(
                                        TransactWriteItem.builder().put(put).build(),
                                        TransactWriteItem.builder().update(window).build()));
                      }
                      done.incrementAndGet();
                    }
                  });
          threads[t].start();
        }
        for (Thread t : threads) t.join();
        System.out.printf("PROBE round=%d mode=%s per_s=%.0f%n", round, mode, done.get() / 6.0);
      }
    }
    server.close();
  }
}
