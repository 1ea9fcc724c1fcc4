package dev.frontdoor.adapter.out.dynamodb;

import static dev.frontdoor.adapter.out.dynamodb.AttributeValues.values;
import static dev.frontdoor.adapter.out.dynamodb.Keys.EXPIRES_AT;
import static dev.frontdoor.adapter.out.dynamodb.Keys.PK;
import static dev.frontdoor.adapter.out.dynamodb.Keys.SK;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.SCHEMA_VERSION;
import static dev.frontdoor.adapter.out.dynamodb.TimelineItems.expired;

import dev.frontdoor.common.CustomerKey;
import dev.frontdoor.common.CustomerNumber;
import dev.frontdoor.common.CustomerRefs;
import dev.frontdoor.common.UserId;
import dev.frontdoor.threads.port.out.UserIdStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link UserIdStore}: {@code BSUID#<bsuid>} / {@code BSUID} lookup items {@code {customer:
 * CUST#<E.164>}} (docs/data-model.md, 6.2). One conditional put: absent, expired, or this number's
 * and a quarter of its life old; anything else is left as it is.
 */
public final class DynamoDbUserIdStore implements UserIdStore {
  private static final String CONDITION =
      "attribute_not_exists(pk) OR expires_at <= :now_s"
          + " OR (customer = :customer AND expires_at < :refresh_s)";

  private final TableClient table;
  private final TimelineItems items;

  public DynamoDbUserIdStore(
      DynamoDbClient client, String tableName, CustomerRefs refs, Duration retention) {
    this.table = new TableClient(client, tableName);
    this.items = new TimelineItems(refs, retention);
  }

  @Override
  public boolean putUserId(UserId userId, CustomerNumber customer, Instant now) {
    String target = Keys.customer(customer);
    long expires = items.expiresAt(now);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put(PK, Keys.userId(userId));
    item.put(SK, Keys.USER_ID);
    item.put("entity", "lookup");
    item.put("schema_version", SCHEMA_VERSION);
    item.put("customer", target);
    item.put("customer_ref", items.customerRef(CustomerKey.of(customer)));
    item.put("parent", userId.isParent());
    item.put("at", now.toEpochMilli());
    item.put(EXPIRES_AT, expires);
    Map<String, AttributeValue> conditionValues =
        values(
            ":now_s",
            now.getEpochSecond(),
            ":customer",
            target,
            ":refresh_s",
            expires - items.retention().getSeconds() / 4);
    return table.putIfOrOld(item, CONDITION, conditionValues).isEmpty();
  }

  @Override
  public Optional<CustomerNumber> findCustomer(UserId userId, Instant now) {
    return table
        .getConsistent(Keys.userId(userId), Keys.USER_ID)
        .filter(item -> !expired(item, now))
        .map(item -> item.get("customer"))
        .map(AttributeValue::s)
        .filter(pk -> pk.startsWith("CUST#+"))
        .map(pk -> new CustomerNumber(pk.substring("CUST#".length())));
  }
}
