package dev.frontdoor.infra.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** A Graph API answer: HTTP status and JSON body. */
record GraphReply(int status, JsonNode body) {
  int code() {
    return body.path("error").path("code").asInt();
  }
}
