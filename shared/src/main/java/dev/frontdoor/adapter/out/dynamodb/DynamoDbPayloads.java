package dev.frontdoor.adapter.out.dynamodb;

import dev.frontdoor.json.JsonTrees;

/** Graph API message objects kept as JSON text in an item (the sender builds the request). */
final class DynamoDbPayloads {
  private DynamoDbPayloads() {}

  static String json(Object value) {
    return JsonTrees.write(value);
  }
}
