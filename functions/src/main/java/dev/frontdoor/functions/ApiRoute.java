package dev.frontdoor.functions;

import dev.frontdoor.functions.http.HttpRoute;

/**
 * The {@code /v1} API's routes, the one table both routings read: the HTTP API's route keys and a
 * function URL's paths ({@link dev.frontdoor.functions.http.HttpRouter}). template.yaml declares
 * the same routes as the ApiFunction's events; a template test holds the two equal.
 */
public enum ApiRoute {
  READ_THREAD("GET", "/v1/threads/{phone}"),
  SEND_MESSAGE("POST", "/v1/messages"),
  READ_MESSAGE("GET", "/v1/messages/{id}"),
  FILE_WRAP_UP("POST", "/v1/calls/{callId}/wrap-up"),
  APPROVE_SUMMARY("POST", "/v1/calls/{callId}/summary"),
  ERASE_CUSTOMER("DELETE", "/v1/customers/{phone}");

  private final HttpRoute http;

  ApiRoute(String method, String pathTemplate) {
    this.http = new HttpRoute(method, pathTemplate);
  }

  public HttpRoute http() {
    return http;
  }
}
