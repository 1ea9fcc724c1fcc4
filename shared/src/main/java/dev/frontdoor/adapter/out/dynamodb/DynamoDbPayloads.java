package dev.frontdoor.adapter.out.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Graph API message objects kept as JSON text in an item (the sender builds the request). */
final class DynamoDbPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DynamoDbPayloads() {}

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
