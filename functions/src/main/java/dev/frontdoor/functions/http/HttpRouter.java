package dev.frontdoor.functions.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds which of a function's routes a request is for, from one table of routes: by the HTTP API's
 * route key when API Gateway matched it, or by method and path when the request came through a
 * Lambda function URL (route key {@code $default}). Both ways answer with the same route and the
 * same decoded path parameters, so a handler cannot tell, and the two routings cannot drift.
 */
public final class HttpRouter<R> {
  /** The route key of a function URL's events (and of an HTTP API's catch-all route). */
  public static final String DEFAULT_ROUTE_KEY = "$default";

  private final Map<String, R> byRouteKey = new LinkedHashMap<>();
  private final Map<HttpRoute, R> byRoute = new LinkedHashMap<>();
  private final List<HttpRoute> byPath;

  public HttpRouter(List<R> routes, Function<R, HttpRoute> httpRoute) {
    for (R route : routes) {
      HttpRoute http = httpRoute.apply(route);
      if (byRouteKey.putIfAbsent(http.routeKey(), route) != null) {
        throw new IllegalArgumentException("two routes are " + http.routeKey());
      }
      byRoute.put(http, route);
    }
    this.byPath = HttpRoute.byPathSpecificity(new ArrayList<>(byRoute.keySet()));
  }

  /** The route and the request as that route reads it, or the answer for no route. */
  public sealed interface Resolution<R> {}

  /** A route matched; {@code request} carries its route key and decoded path parameters. */
  public record Matched<R>(R route, HttpApiRequest request) implements Resolution<R> {}

  /**
   * No route: 404 for an unknown path, 405 (with {@code allow}) for a known path's other method.
   */
  public record Unmatched<R>(HttpApiResponse answer) implements Resolution<R> {}

  public Resolution<R> resolve(HttpApiRequest request) {
    String routeKey = request.routeKey();
    if (routeKey != null && !DEFAULT_ROUTE_KEY.equals(routeKey)) {
      R route = byRouteKey.get(routeKey);
      return route == null ? notFound() : new Matched<>(route, request);
    }
    return resolveByPath(request);
  }

  private Resolution<R> resolveByPath(HttpApiRequest request) {
    Set<String> allowed = new LinkedHashSet<>();
    try {
      for (HttpRoute http : byPath) {
        Optional<Map<String, String>> parameters = http.match(request.rawPath());
        if (parameters.isEmpty()) {
          continue;
        }
        if (!http.method().equals(request.method())) {
          allowed.add(http.method());
          continue;
        }
        return new Matched<>(
            byRoute.get(http), request.routedAs(http.routeKey(), parameters.get()));
      }
    } catch (HttpRoute.MalformedPathException e) {
      return new Unmatched<>(HttpApiResponse.error(400, "path: " + e.getMessage()));
    }
    if (allowed.isEmpty()) {
      return notFound();
    }
    HttpApiResponse refusal = HttpApiResponse.error(405, "method not allowed on this route");
    Map<String, String> headers = new LinkedHashMap<>(refusal.headers());
    headers.put("allow", String.join(", ", allowed));
    return new Unmatched<>(new HttpApiResponse(405, headers, refusal.body()));
  }

  private Unmatched<R> notFound() {
    return new Unmatched<>(HttpApiResponse.error(404, "no such route"));
  }
}
