package dev.frontdoor.gateway;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An outbound message as the send API and sender leave it (docs/data-model.md, 5.6 and 6): the
 * message item queued, its {@code MSG#} lookup, and once accepted its {@code WAMID#} lookup.
 */
final class OutboundSeed {
  private OutboundSeed() {}

  record Seeded(String messageId, String sk) {}

  static Seeded queued(InboundGateway gateway, String e164, boolean withWamid, String wamid) {
    long now = System.currentTimeMillis();
    String id = UlidCreator.getUlid(now).toString();
    String sk = String.format("EV#%013d#MSG#%s", now, id);
    long expires = now / 1000 + 86_400;
    var item =
        new java.util.HashMap<>(
            Map.of(
                "pk", AttributeValue.fromS("CUST#" + e164),
                "sk", AttributeValue.fromS(sk),
                "entity", AttributeValue.fromS("message"),
                "direction", AttributeValue.fromS("out"),
                "message_id", AttributeValue.fromS(id),
                "status", AttributeValue.fromS("queued"),
                "status_rank", AttributeValue.fromN("0"),
                "at", AttributeValue.fromN(Long.toString(now)),
                "expires_at", AttributeValue.fromN(Long.toString(expires))));
    if (withWamid) {
      item.put("wamid", AttributeValue.fromS(wamid));
    }
    put(gateway, item);
    put(gateway, lookup("MSG#" + id, "MSG", e164, sk, expires));
    if (withWamid) {
      put(gateway, lookup("WAMID#" + wamid, "WAMID", e164, sk, expires));
    }
    return new Seeded(id, sk);
  }

  static Map<String, AttributeValue> message(InboundGateway gateway, String e164, String sk) {
    return gateway
        .gateway
        .dynamoDb()
        .getItem(
            r ->
                r.tableName(gateway.table)
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("CUST#" + e164),
                            "sk",
                            AttributeValue.fromS(sk))))
        .item();
  }

  private static Map<String, AttributeValue> lookup(
      String pk, String sk, String e164, String target, long expires) {
    return Map.of(
        "pk", AttributeValue.fromS(pk),
        "sk", AttributeValue.fromS(sk),
        "entity", AttributeValue.fromS("lookup"),
        "customer", AttributeValue.fromS("CUST#" + e164),
        "target_sk", AttributeValue.fromS(target),
        "expires_at", AttributeValue.fromN(Long.toString(expires)));
  }

  private static void put(InboundGateway gateway, Map<String, AttributeValue> item) {
    gateway.gateway.dynamoDb().putItem(r -> r.tableName(gateway.table).item(item));
  }
}
