package dev.frontdoor.adapter.out.dynamodb;

import dev.frontdoor.common.StoreRejectedException;
import dev.frontdoor.common.StoreUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The table operations the stores share, with SDK failures translated at this edge: a failed
 * condition is an answer ("already there", "not an advance"), anything else is {@link
 * StoreUnavailableException}.
 */
final class TableClient {
  private static final String ABSENT = "attribute_not_exists(pk)";

  /** Errors about the request itself; throttling and service errors are retryable instead. */
  private static final Set<String> REFUSALS =
      Set.of("ValidationException", "ItemCollectionSizeLimitExceededException");

  private final DynamoDbClient client;
  private final String tableName;

  TableClient(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(Keys.PK, AttributeValue.fromS(pk));
    key.put(Keys.SK, AttributeValue.fromS(sk));
    return key;
  }

  void put(Map<String, Object> item) {
    call(
        () ->
            client.putItem(
                PutItemRequest.builder().tableName(tableName).item(attributes(item)).build()));
  }

  /** Insert-once: {@code false} when an item with this key already exists. */
  boolean putIfAbsent(Map<String, Object> item) {
    return putIfAbsentOrOld(item).isEmpty();
  }

  /** Insert-once that returns the existing item, read in the same call, when there is one. */
  Optional<Map<String, AttributeValue>> putIfAbsentOrOld(Map<String, Object> item) {
    return putIfOrOld(item, ABSENT, Map.of());
  }

  /**
   * A put under a condition that returns the existing item, read in the same call, when the
   * condition failed: one write both checks and takes.
   */
  Optional<Map<String, AttributeValue>> putIfOrOld(
      Map<String, Object> item, String condition, Map<String, AttributeValue> values) {
    PutItemRequest.Builder request =
        PutItemRequest.builder()
            .tableName(tableName)
            .item(attributes(item))
            .conditionExpression(condition)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (!values.isEmpty()) {
      request.expressionAttributeValues(values);
    }
    try {
      call(() -> client.putItem(request.build()));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(
          itemAfterFailedCondition(
              e,
              Map.of(
                  Keys.PK,
                  AttributeValues.of(item.get(Keys.PK)),
                  Keys.SK,
                  AttributeValues.of(item.get(Keys.SK)))));
    }
  }

  /**
   * The item whose condition failed. DynamoDB returns it with the failure when asked ({@code
   * ReturnValuesOnConditionCheckFailure}); engines that ignore that parameter (dynalite) get one
   * strongly consistent read instead, which sees this version or a later one: callers treat the
   * answer as "the item as it is now", never as the exact version that failed the condition.
   */
  Map<String, AttributeValue> itemAfterFailedCondition(
      ConditionalCheckFailedException failure, Map<String, AttributeValue> key) {
    if (failure.hasItem() && !failure.item().isEmpty()) {
      return failure.item();
    }
    Map<String, AttributeValue> item =
        call(() ->
                client.getItem(
                    request -> request.tableName(tableName).key(key).consistentRead(true)))
            .item();
    return item == null ? Map.of() : item;
  }

  /** An update whose failed condition the caller handles. */
  UpdateItemResponse update(UpdateItemRequest.Builder request) {
    return call(() -> client.updateItem(request.tableName(tableName).build()));
  }

  /** An update whose failed condition means "nothing to do". */
  void updateIgnoringCondition(UpdateItemRequest.Builder request) {
    try {
      update(request);
    } catch (ConditionalCheckFailedException e) {
      // a newer value is already there, or the item is gone: both are success here
    }
  }

  /**
   * Empty when the update applied; when its condition failed, the item (if the request asked for it
   * with {@code ReturnValuesOnConditionCheckFailure}, else an empty map).
   */
  Optional<Map<String, AttributeValue>> updateOrOld(UpdateItemRequest.Builder request) {
    try {
      update(request);
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      UpdateItemRequest built = request.build();
      boolean wanted =
          built.returnValuesOnConditionCheckFailure()
              == ReturnValuesOnConditionCheckFailure.ALL_OLD;
      return Optional.of(wanted ? itemAfterFailedCondition(e, built.key()) : Map.of());
    }
  }

  Optional<Map<String, AttributeValue>> getConsistent(String pk, String sk) {
    Map<String, AttributeValue> item =
        call(() ->
                client.getItem(
                    request -> request.tableName(tableName).key(key(pk, sk)).consistentRead(true)))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /**
   * Strongly consistent reads of many keys, {@code BatchGetItem} of up to 100 each, retrying what
   * the table leaves unprocessed; the items found.
   */
  List<Map<String, AttributeValue>> getAllConsistent(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += 100) {
      List<Map<String, AttributeValue>> pending =
          new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + 100)));
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == 8) {
          throw new StoreUnavailableException("the table left reads unprocessed", null);
        }
        if (attempt > 0) {
          backOff(attempt);
        }
        KeysAndAttributes request =
            KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
        BatchGetItemResponse response =
            call(() -> client.batchGetItem(r -> r.requestItems(Map.of(tableName, request))));
        found.addAll(response.responses().getOrDefault(tableName, List.of()));
        KeysAndAttributes left = response.unprocessedKeys().get(tableName);
        pending = left == null ? List.of() : new ArrayList<>(left.keys());
      }
    }
    return found;
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(500, 10L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while reading", e);
    }
  }

  /** Every page of a query. */
  List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
    return query(request, items -> false);
  }

  /** The pages of a query up to the first after which {@code enough} holds for all items read. */
  List<Map<String, AttributeValue>> query(
      QueryRequest.Builder request, Predicate<List<Map<String, AttributeValue>>> enough) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          call(() -> client.query(request.tableName(tableName).exclusiveStartKey(from).build()));
      items.addAll(page.items());
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null && !enough.test(items));
    return items;
  }

  /** One page of a query, for callers that page themselves. */
  QueryResponse queryPage(QueryRequest.Builder request) {
    return call(() -> client.query(request.tableName(tableName).build()));
  }

  /**
   * Deletes many items, {@code BatchWriteItem} of up to 25 each in the order given, retrying what
   * the table leaves unprocessed; deleting an absent item is no error. Keys must be distinct.
   */
  void deleteAll(List<Map<String, AttributeValue>> keys) {
    for (int from = 0; from < keys.size(); from += 25) {
      List<WriteRequest> pending = new ArrayList<>();
      for (Map<String, AttributeValue> key : keys.subList(from, Math.min(keys.size(), from + 25))) {
        pending.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
      }
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == 8) {
          throw new StoreUnavailableException("the table left deletes unprocessed", null);
        }
        if (attempt > 0) {
          backOff(attempt);
        }
        List<WriteRequest> batch = pending;
        BatchWriteItemResponse response =
            call(() -> client.batchWriteItem(r -> r.requestItems(Map.of(tableName, batch))));
        pending = new ArrayList<>(response.unprocessedItems().getOrDefault(tableName, List.of()));
      }
    }
  }

  void delete(String pk, String sk) {
    call(() -> client.deleteItem(request -> request.tableName(tableName).key(key(pk, sk))));
  }

  private static Map<String, AttributeValue> attributes(Map<String, Object> item) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    item.forEach((name, value) -> attributes.put(name, AttributeValues.of(value)));
    return attributes;
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      String detail =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      if (e.statusCode() == 400 && REFUSALS.contains(code)) {
        throw new StoreRejectedException("the table refused the request: " + detail, e);
      }
      throw new StoreUnavailableException("the table did not answer: " + code + " " + detail, e);
    } catch (SdkException e) {
      throw new StoreUnavailableException("the table did not answer: " + e.getMessage(), e);
    }
  }
}
